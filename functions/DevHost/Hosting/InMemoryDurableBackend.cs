using System.Reflection;
using System.Runtime.ExceptionServices;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Testing.Sidecar;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The package's <see cref="InMemoryOrchestrationService"/> made fit for a long-running host. Every call
/// is forwarded except:
/// <list type="bullet">
/// <item>the two <c>MaxConcurrentTask*WorkItems</c> getters, which the package hard-wires to
/// <see cref="Environment.ProcessorCount"/> and its dispatchers read as the work items in flight
/// before they sleep 500 ms: they answer the configured limit;</item>
/// <item>timers, which <see cref="DurableTimers"/> keeps instead, so an orchestration that ends
/// takes its pending timers with it;</item>
/// <item>starts that bring no dedupe statuses, which get the configured ones (<see cref="DurableStartPolicy"/>), as
/// the Functions host applies host.json's <c>overridableExistingInstanceStates</c> to every start;</item>
/// <item>messages (raised events, terminations, timers) for an instance the store does not have —
/// never created, or purged — which are dropped as a real backend discards them, instead of
/// making the store recreate the instance as an empty one.</item>
/// </list>
/// <see cref="PurgeFinishedAsync"/> removes ended instances, as a deployment's scheduled task hub purge does.
/// </summary>
public class InMemoryDurableBackend : DispatchProxy, IDisposable
{
    private static readonly OrchestrationStatus[] Finished =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    private readonly Lock _existence = new();
    private readonly CancellationTokenSource _stopping = new();
    private InMemoryOrchestrationService _inner = null!;
    private DurableTimers _timers = null!;
    private int _maxConcurrentWorkItems;
    private long _workItems;
    private int _disposed;
    private OrchestrationStatus[] _dedupeStatuses = [];

    /// <summary>The backend as the gRPC sidecar uses it.</summary>
    public IInMemoryDurableBackend Service => (IInMemoryDurableBackend)(object)this;

    /// <summary>Timers waiting to fire, across all instances.</summary>
    public int PendingTimers => _timers.Count;

    /// <summary>Orchestrator and activity work items completed since the host started.</summary>
    public long WorkItemsCompleted => Interlocked.Read(ref _workItems);

    /// <param name="maxConcurrentWorkItems">Orchestrator and activity work items handed out at once (each).</param>
    /// <param name="dedupeStatuses">The statuses a start without its own may not replace (none: every start replaces, the package's behaviour).</param>
    public static InMemoryDurableBackend Create(int maxConcurrentWorkItems, OrchestrationStatus[]? dedupeStatuses = null)
    {
        var backend = (InMemoryDurableBackend)(object)Create<IInMemoryDurableBackend, InMemoryDurableBackend>();
        backend._inner = new InMemoryOrchestrationService(loggerFactory: null);
        backend._maxConcurrentWorkItems = maxConcurrentWorkItems;
        backend._dedupeStatuses = dedupeStatuses ?? [];
        backend._timers = new DurableTimers(backend.SendIfKnown);
        _ = Task.Run(() => backend._timers.RunAsync(backend._stopping.Token));
        return backend;
    }

    /// <summary>Instances the store holds (running and ended), by runtime status.</summary>
    public async Task<IReadOnlyDictionary<OrchestrationStatus, int>> CountInstancesAsync(CancellationToken cancellationToken)
    {
        var states = await QueryAsync(new OrchestrationQuery(), cancellationToken);
        return states.GroupBy(state => state.OrchestrationStatus).ToDictionary(group => group.Key, group => group.Count());
    }

    /// <summary>
    /// Removes every instance that ended (Completed, Failed, Terminated, Canceled) at or before
    /// <paramref name="endedBefore"/> (UTC), with its history; running instances are kept. Returns how many were removed.
    /// </summary>
    public async Task<int> PurgeFinishedAsync(DateTime endedBefore, CancellationToken cancellationToken)
    {
        var purged = 0;
        foreach (var state in await QueryAsync(new OrchestrationQuery { RuntimeStatus = Finished }, cancellationToken))
        {
            if (state.LastUpdatedTime > endedBefore)
            {
                continue;
            }

            var instanceId = state.OrchestrationInstance.InstanceId;
            lock (_existence)
            {
                // The store removes an instance only if it has ended (a restarted one is kept).
                purged += _inner.PurgeInstanceStateAsync(instanceId).GetAwaiter().GetResult().DeletedInstanceCount;
            }

            _timers.Forget(instanceId);
        }

        return purged;
    }

    public void Dispose()
    {
        // Registered both as itself and as IDurableBackendService (the same object): disposed twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _stopping.Dispose();
        _timers.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        switch (targetMethod.Name)
        {
            case "get_MaxConcurrentTaskOrchestrationWorkItems" or "get_MaxConcurrentTaskActivityWorkItems":
                return _maxConcurrentWorkItems;
            case nameof(IOrchestrationServiceClient.CreateTaskOrchestrationAsync):
                var startedBy = (TaskMessage)args![0]!;
                var dedupe = args.Length > 1 ? (OrchestrationStatus[]?)args[1] : null;
                return _inner.CreateTaskOrchestrationAsync(startedBy, dedupe ?? _dedupeStatuses);
            case nameof(IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync):
                Interlocked.Increment(ref _workItems);
                KeepTimers(args!);
                break;
            case nameof(IOrchestrationService.CompleteTaskActivityWorkItemAsync):
                Interlocked.Increment(ref _workItems);
                break;
            case nameof(IOrchestrationServiceClient.SendTaskOrchestrationMessageAsync):
                SendIfKnown((TaskMessage)args![0]!);
                return Task.CompletedTask;
            case nameof(IOrchestrationServiceClient.SendTaskOrchestrationMessageBatchAsync):
                foreach (var message in (TaskMessage[])args![0]!)
                {
                    SendIfKnown(message);
                }

                return Task.CompletedTask;
            case nameof(IOrchestrationServiceClient.ForceTerminateTaskOrchestrationAsync):
                lock (_existence)
                {
                    return IsKnown((string)args![0]!) ? Forward(targetMethod, args) : Task.CompletedTask;
                }
        }

        return Forward(targetMethod, args);
    }

    private object? Forward(MethodInfo targetMethod, object?[]? args)
    {
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }

    /// <summary>
    /// <c>CompleteTaskOrchestrationWorkItemAsync(workItem, runtimeState, outbound, orchestratorMessages,
    /// timerMessages, continuedAsNew, orchestrationState)</c>: the timers go to <see cref="_timers"/>,
    /// unless the orchestration has just ended, when its timers are dropped.
    /// </summary>
    private void KeepTimers(object?[] args)
    {
        var timerMessages = (IList<TaskMessage>)args[4]!;
        var state = (OrchestrationState)args[6]!;
        var instanceId = state.OrchestrationInstance.InstanceId;
        args[4] = timerMessages.Where(message => !DurableTimers.IsTimer(message)).ToList();
        if (Finished.Contains(state.OrchestrationStatus))
        {
            _timers.Forget(instanceId);
            return;
        }

        foreach (var timer in timerMessages.Where(DurableTimers.IsTimer))
        {
            _timers.Add(timer);
        }
    }

    /// <summary>Hands a message to the store if its instance exists there (or the message starts it).</summary>
    private void SendIfKnown(TaskMessage message)
    {
        lock (_existence)
        {
            if (message.Event is ExecutionStartedEvent || IsKnown(message.OrchestrationInstance.InstanceId))
            {
                _inner.SendTaskOrchestrationMessageAsync(message).GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>The store answers synchronously; callers hold <see cref="_existence"/> so a purge cannot come between the check and the send.</summary>
    private bool IsKnown(string instanceId) =>
        _inner.GetOrchestrationStateAsync(instanceId, executionId: null).GetAwaiter().GetResult() is not null;

    private async Task<IList<OrchestrationState>> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        // One page holds them all: the store scans every instance per page anyway.
        query.PageSize = int.MaxValue;
        var result = await _inner.GetOrchestrationWithQueryAsync(query, cancellationToken);
        return [.. result.OrchestrationState];
    }
}
