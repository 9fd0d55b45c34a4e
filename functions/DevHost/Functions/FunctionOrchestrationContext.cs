using System.Text.Json;
using DroneDelivery.Contracts.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace DroneDelivery.DevHost.Functions;

/// <summary>
/// What the Functions Durable extension hands an orchestrator function: a context whose
/// <see cref="GetInput{T}"/> deserializes the input to whatever type the function asks for
/// (a function-based orchestrator declares no input type up front). Everything else is the
/// Durable worker's own context.
/// </summary>
public sealed class FunctionOrchestrationContext(TaskOrchestrationContext inner, object? input) : TaskOrchestrationContext
{
    public override TaskName Name => inner.Name;

    public override string InstanceId => inner.InstanceId;

    public override ParentOrchestrationInstance? Parent => inner.Parent;

    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public override bool IsReplaying => inner.IsReplaying;

    public override string Version => inner.Version;

    public override IReadOnlyDictionary<string, object?> Properties => inner.Properties;

    public override TaskOrchestrationEntityFeature Entities => inner.Entities;

    public override ILoggerFactory ReplaySafeLoggerFactory => inner.ReplaySafeLoggerFactory;

    protected override ILoggerFactory LoggerFactory => inner.ReplaySafeLoggerFactory;

    public override T GetInput<T>() => input switch
    {
        null => default!,
        T typed => typed,
        JsonElement json => json.Deserialize<T>(ContractJson.Options)!,
        _ => throw new InvalidCastException($"The orchestration input is a {input.GetType().Name}, not a {typeof(T).Name}."),
    };

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
        inner.CallActivityAsync<TResult>(name, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override void SendEvent(string instanceId, string eventName, object payload) => inner.SendEvent(instanceId, eventName, payload);

    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => inner.NewGuid();
}
