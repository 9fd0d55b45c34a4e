using DroneDelivery.DevHost.Hosting;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DroneDelivery.IntegrationTests.Hosting;

/// <summary>
/// The local host's in-memory Durable backend, driven as the gRPC sidecar's dispatcher drives it: work
/// items taken and completed by hand, so each step of an instance's life is in the test's control.
/// </summary>
public sealed class InMemoryDurableBackendTests : IDisposable
{
    private static readonly TimeSpan NoWorkWithin = TimeSpan.FromMilliseconds(300);
    private readonly InMemoryDurableBackend _backend = InMemoryDurableBackend.Create(maxConcurrentWorkItems: 100);

    private IInMemoryDurableBackend Service => _backend.Service;

    public void Dispose() => _backend.Dispose();

    [Fact]
    public void TheWorkItemLimits_AreTheConfiguredOnes_NotTheProcessorCount() =>
        Assert.Equal((100, 100), (Service.MaxConcurrentTaskOrchestrationWorkItems, Service.MaxConcurrentTaskActivityWorkItems));

    [Fact]
    public async Task ARunningInstance_KeepsItsTimer_AndIsNotPurged()
    {
        var instance = await StartAsync("running");
        await RunEpisodeAsync(instance, OrchestrationStatus.Running, timerDue: DateTime.UtcNow.AddHours(3));

        var purged = await _backend.PurgeFinishedAsync(DateTime.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal((0, 1), (purged, _backend.PendingTimers));
        Assert.NotNull(await Service.GetOrchestrationStateAsync(instance.InstanceId, executionId: null));
    }

    [Fact]
    public async Task ADueTimer_IsDeliveredToItsRunningInstance()
    {
        var instance = await StartAsync("due-timer");
        await RunEpisodeAsync(instance, OrchestrationStatus.Running, timerDue: DateTime.UtcNow.AddMilliseconds(100));

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var next = await Service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.Zero, wait.Token);

        Assert.Equal(instance.InstanceId, next.InstanceId);
        Assert.IsType<TimerFiredEvent>(Assert.Single(next.NewMessages).Event);
        Assert.Equal(0, _backend.PendingTimers);
    }

    [Fact]
    public async Task AnInstanceThatEnds_DropsItsPendingTimers()
    {
        var instance = await StartAsync("ends");
        await RunEpisodeAsync(instance, OrchestrationStatus.Running, timerDue: DateTime.UtcNow.AddHours(3));
        await RaiseAsync(instance);

        await RunEpisodeAsync(instance, OrchestrationStatus.Completed);

        Assert.Equal(0, _backend.PendingTimers);
    }

    [Fact]
    public async Task AnEndedInstance_IsPurgedOnlyOnceItEndedBeforeTheCutOff()
    {
        var instance = await StartAsync("purged");
        await RunEpisodeAsync(instance, OrchestrationStatus.Completed);

        var tooEarly = await _backend.PurgeFinishedAsync(DateTime.UtcNow.AddMinutes(-1), CancellationToken.None);
        var due = await _backend.PurgeFinishedAsync(DateTime.UtcNow.AddSeconds(1), CancellationToken.None);

        Assert.Equal((0, 1), (tooEarly, due));
        Assert.Null(await Service.GetOrchestrationStateAsync(instance.InstanceId, executionId: null));
    }

    [Fact]
    public async Task AMessageForAPurgedInstance_IsDropped_InsteadOfRecreatingTheInstance()
    {
        var instance = await StartAsync("gone");
        await RunEpisodeAsync(instance, OrchestrationStatus.Completed);
        await _backend.PurgeFinishedAsync(DateTime.UtcNow.AddSeconds(1), CancellationToken.None);

        await RaiseAsync(instance);
        await Service.ForceTerminateTaskOrchestrationAsync(instance.InstanceId, "late");

        using var wait = new CancellationTokenSource(NoWorkWithin);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.Zero, wait.Token));
        Assert.Null(await Service.GetOrchestrationStateAsync(instance.InstanceId, executionId: null));
    }

    [Fact]
    public async Task CountInstances_CountsEachRuntimeStatus()
    {
        await RunEpisodeAsync(await StartAsync("done"), OrchestrationStatus.Completed);
        await RunEpisodeAsync(await StartAsync("busy"), OrchestrationStatus.Running);

        var counts = await _backend.CountInstancesAsync(CancellationToken.None);

        Assert.Equal(1, counts[OrchestrationStatus.Completed]);
        Assert.Equal(1, counts[OrchestrationStatus.Running]);
    }

    private async Task<OrchestrationInstance> StartAsync(string instanceId)
    {
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        await Service.CreateTaskOrchestrationAsync(new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, input: null) { Name = "Probe", OrchestrationInstance = instance },
        });
        return instance;
    }

    private Task RaiseAsync(OrchestrationInstance instance) =>
        Service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instance.InstanceId },
            Event = new EventRaisedEvent(-1, input: null) { Name = "Probe" },
        });

    /// <summary>Takes the instance's next work item and completes it in <paramref name="status"/>, optionally with a timer.</summary>
    private async Task RunEpisodeAsync(OrchestrationInstance instance, OrchestrationStatus status, DateTime? timerDue = null)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var workItem = await Service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.Zero, wait.Token);
        Assert.Equal(instance.InstanceId, workItem.InstanceId);
        var runtime = workItem.OrchestrationRuntimeState;
        runtime.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in workItem.NewMessages)
        {
            runtime.AddEvent(message.Event);
        }

        var timers = new List<TaskMessage>();
        if (timerDue is { } fireAt)
        {
            runtime.AddEvent(new TimerCreatedEvent(runtime.Events.Count) { FireAt = fireAt });
            timers.Add(new TaskMessage { OrchestrationInstance = instance, Event = new TimerFiredEvent(-1) { TimerId = runtime.Events.Count - 1, FireAt = fireAt } });
        }

        if (status != OrchestrationStatus.Running)
        {
            runtime.AddEvent(new ExecutionCompletedEvent(-1, result: null, status));
        }

        runtime.AddEvent(new OrchestratorCompletedEvent(-1));
        var state = new OrchestrationState
        {
            OrchestrationInstance = instance,
            Name = "Probe",
            OrchestrationStatus = status,
            CreatedTime = DateTime.UtcNow,
            LastUpdatedTime = DateTime.UtcNow,
        };
        await Service.CompleteTaskOrchestrationWorkItemAsync(workItem, runtime, [], [], timers, null, state);
        await Service.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }
}
