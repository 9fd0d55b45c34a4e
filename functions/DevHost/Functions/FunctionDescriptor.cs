using System.Reflection;

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
/// One <c>[Function]</c> method, as read from its trigger attribute: the HTTP route and methods,
/// or the queue name, exactly what the Functions host would read from functions.metadata.
/// </summary>
public sealed record FunctionDescriptor(
    string Name,
    MethodInfo Method,
    TriggerKind Trigger,
    ParameterInfo TriggerParameter,
    string? Route = null,
    IReadOnlyList<string>? HttpMethods = null,
    string? QueueName = null)
{
    /// <summary>
    /// Creates the function's class from an invocation's services (null for a static method). Built
    /// once: <c>ActivatorUtilities.CreateInstance</c> matches constructors by reflection on every call.
    /// </summary>
    public ObjectFactory? Factory { get; } = Method.IsStatic ? null : ActivatorUtilities.CreateFactory(Method.DeclaringType!, Type.EmptyTypes);

    /// <summary>The method's parameters, read once.</summary>
    public IReadOnlyList<ParameterInfo> Parameters { get; } = Method.GetParameters();
}
