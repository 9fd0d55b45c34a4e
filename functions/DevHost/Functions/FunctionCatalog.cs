using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DevHost.Functions;

/// <summary>
/// Every function of the given assemblies, found through the same attributes the worker SDK
/// turns into functions.metadata. The local host derives its routes, queue subscriptions and
/// Durable registrations from this — there is no second, hand-written table.
/// </summary>
public sealed class FunctionCatalog(IReadOnlyList<FunctionDescriptor> functions)
{
    public const string ServiceBusTriggerName = "ServiceBusTriggerAttribute";

    public IReadOnlyList<FunctionDescriptor> Functions { get; } = functions;

    public IEnumerable<FunctionDescriptor> OfKind(TriggerKind kind) => Functions.Where(function => function.Trigger == kind);

    public static FunctionCatalog Discover(IEnumerable<Assembly> assemblies) =>
        new(assemblies.Distinct()
            .SelectMany(assembly => assembly.GetExportedTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(Describe)
            .OfType<FunctionDescriptor>()
            .ToList());

    private static FunctionDescriptor? Describe(MethodInfo method)
    {
        var function = method.GetCustomAttribute<FunctionAttribute>();
        if (function is null)
        {
            return null;
        }

        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                var methods = (http.Methods ?? ["get", "post", "put", "patch", "delete"]).Select(m => m.ToUpperInvariant()).ToList();
                return new FunctionDescriptor(function.Name, method, TriggerKind.Http, parameter, http.Route ?? function.Name, methods, AuthorizationLevel: http.AuthLevel);
            }

            if (parameter.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)
            {
                return new FunctionDescriptor(function.Name, method, TriggerKind.Orchestration, parameter);
            }

            if (parameter.GetCustomAttribute<ActivityTriggerAttribute>() is not null)
            {
                return new FunctionDescriptor(function.Name, method, TriggerKind.Activity, parameter);
            }

            var serviceBus = parameter.GetCustomAttributes().FirstOrDefault(a => a.GetType().Name == ServiceBusTriggerName);
            if (serviceBus is not null)
            {
                var queue = serviceBus.GetType().GetProperty("QueueName")?.GetValue(serviceBus) as string
                    ?? throw new InvalidOperationException($"Function {function.Name} has a Service Bus trigger without a queue name.");
                return new FunctionDescriptor(function.Name, method, TriggerKind.ServiceBus, parameter, QueueName: queue);
            }
        }

        throw new NotSupportedException($"Function {function.Name} has a trigger the local host does not run.");
    }
}
