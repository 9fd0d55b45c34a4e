using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DevHost.Functions;

/// <summary>How a function is triggered.</summary>
public enum TriggerKind
{
    Http,
    ServiceBus,
    Orchestration,
    Activity,
}

/// <summary>
/// One <c>[Function]</c> method, as read from its trigger attribute: the HTTP route, methods and
/// authorization level, or the queue name, exactly what the Functions host would read from
/// functions.metadata.
/// </summary>
public sealed record FunctionDescriptor(
    string Name,
    MethodInfo Method,
    TriggerKind Trigger,
    ParameterInfo TriggerParameter,
    string? Route = null,
    IReadOnlyList<string>? HttpMethods = null,
    string? QueueName = null,
    AuthorizationLevel AuthorizationLevel = AuthorizationLevel.Anonymous)
{
    /// <summary>The app the function belongs to: its assembly's name without <c>DroneDelivery.</c> (Ingestion, Delivery, …), read once: every request's key check asks.</summary>
    public string App { get; } = Method.DeclaringType!.Assembly.GetName().Name!.Replace("DroneDelivery.", string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// Creates the function's class from an invocation's services (null for a static method). Built
    /// once: <c>ActivatorUtilities.CreateInstance</c> matches constructors by reflection on every call.
    /// </summary>
    public ObjectFactory? Factory { get; } = Method.IsStatic ? null : ActivatorUtilities.CreateFactory(Method.DeclaringType!, Type.EmptyTypes);

    /// <summary>The name of the span of each invocation.</summary>
    public string ActivityName { get; } = $"function {Name}";

    /// <summary>What the function pipeline reads of the function (its id, entry point and assembly), built once: every invocation asks.</summary>
    public FunctionDefinition Definition { get; } = new LocalFunctionDefinition(Name, Method);

    /// <summary>The method's parameters, read once.</summary>
    public IReadOnlyList<ParameterInfo> Parameters { get; } = Method.GetParameters();

    /// <summary><c>Task&lt;T&gt;.Result</c> for a method that returns a <c>Task&lt;T&gt;</c> (null for anything else), looked up once.</summary>
    public PropertyInfo? TaskResult { get; } =
        Method.ReturnType.IsGenericType && Method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) ? Method.ReturnType.GetProperty(nameof(Task<object>.Result)) : null;
}
