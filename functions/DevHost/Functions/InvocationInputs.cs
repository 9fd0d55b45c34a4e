using Microsoft.DurableTask;

namespace DroneDelivery.DevHost.Functions;

/// <summary>What a trigger supplies to one invocation; the invoker binds parameters from it.</summary>
public sealed record InvocationInputs(IServiceProvider Services, CancellationToken CancellationToken)
{
    public HttpContext? HttpContext { get; init; }

    /// <summary>The trigger payload: the message body, or an activity's input as JSON.</summary>
    public object? TriggerValue { get; init; }

    public TaskOrchestrationContext? Orchestration { get; init; }

    public IReadOnlyDictionary<string, object?> BindingData { get; init; } = new Dictionary<string, object?>();
}
