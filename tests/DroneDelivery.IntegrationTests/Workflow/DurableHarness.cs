using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Functions;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Workflow.Extensions;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace DroneDelivery.IntegrationTests.Workflow;

/// <summary>
/// The workflow's orchestrator and activity functions on one of the local host's Durable backends, registered as
/// the local host registers them (<see cref="DurableBackendExtensions.AddLocalDurable(IServiceCollection, IConfiguration, Action{DurableTaskRegistry})"/>:
/// the same sidecar, worker, client and start semantics), with the three downstream clients substituted. Azure
/// Storage runs on the test run's Azurite (<see cref="TestAzurite"/>), on a task hub of its own that is deleted at the end.
/// </summary>
public sealed class DurableHarness : IAsyncDisposable
{
    private IHost? _host;

    private DurableHarness(DurableBackendKind backend) => Backend = backend;

    public DurableBackendKind Backend { get; }

    public IPackageServiceClient Packages { get; } = Substitute.For<IPackageServiceClient>();

    public IDroneSchedulerClient Scheduler { get; } = Substitute.For<IDroneSchedulerClient>();

    public IDeliveryServiceClient Deliveries { get; } = Substitute.For<IDeliveryServiceClient>();

    public DurableTaskClient Client => _host!.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<DurableHarness> StartAsync(DurableBackendKind backend = DurableBackendKind.InMemory)
    {
        var harness = new DurableHarness(backend);
        var catalog = FunctionCatalog.Discover([typeof(WorkflowExtensions).Assembly]);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = new Dictionary<string, string?>
        {
            [$"{DurableBackendOptions.Section}:{nameof(DurableBackendOptions.Backend)}"] = backend.ToString(),
        };
        if (backend == DurableBackendKind.AzureStorage)
        {
            settings[DurableBackendExtensions.StorageConnectionSetting] = TestAzurite.ConnectionString;
            settings[$"{DurableBackendOptions.Section}:{nameof(DurableBackendOptions.HubName)}"] = TestAzurite.NewHubName("saga");
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services
            .AddSingleton(harness.Packages)
            .AddSingleton(harness.Scheduler)
            .AddSingleton(harness.Deliveries)
            .AddSingleton(TimeProvider.System)
            .AddLocalDurable(builder.Configuration, registry => registry.AddFunctions(catalog))
            .UseContractJsonForDurable();
        harness._host = builder.Build();
        await harness._host.StartAsync();
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        await _host.StopAsync();
        if (_host.Services.GetService<AzureStorageDurableBackend>() is { } storage)
        {
            // Its queues, tables and containers: the run's one Azurite keeps everything in memory.
            await storage.Inner.DeleteAsync();
        }

        _host.Dispose();
    }

    public void AssignsDrone(string droneId) =>
        Scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => new DroneAssignment(call.Arg<DroneAssignmentRequest>().DeliveryId, droneId));

    /// <summary>
    /// Starts the saga as the workflow's queue trigger does (its current version; no dedupe statuses of its own: the
    /// backend applies host.json's), or with <paramref name="options"/> (e.g. no version: a delivery started before version 2).
    /// </summary>
    public Task StartAsync(DeliveryRequest request, StartOrchestrationOptions? options = null) =>
        Client.ScheduleNewOrchestrationInstanceAsync(nameof(DeliveryOrchestrator), request, options ?? DeliveryOrchestrator.StartOptions(request.DeliveryId));

    public Task RaiseDroneEventAsync(DeliveryRequest request, DroneEventType type, string droneId) =>
        Client.RaiseEventAsync(request.DeliveryId, type.ToString(), new DroneEvent(
            $"{request.DeliveryId}:{type}", request.DeliveryId, droneId, type,
            type == DroneEventType.Delivered ? request.DropOffLocation : request.PickupLocation, DateTimeOffset.UtcNow));

    /// <summary>Waits until the orchestration reports <paramref name="stage"/> as its custom status.</summary>
    public async Task WaitForStageAsync(string instanceId, DeliveryStage stage)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (instance?.SerializedCustomStatus?.Contains(stage.ToString(), StringComparison.Ordinal) == true)
            {
                return;
            }

            await Task.Delay(50);
        }

        var last = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        throw new TimeoutException(
            $"Delivery {instanceId} never reached {stage}: {last?.RuntimeStatus} {last?.SerializedCustomStatus} {last?.SerializedOutput} {last?.FailureDetails}; calls so far: {CallsSoFar()}");
    }

    /// <summary>Waits until the saga says it is held at a failed step for the <paramref name="hold"/>th time, and gives that step.</summary>
    public async Task<HeldStep> WaitForHoldAsync(string instanceId, int hold)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        OrchestrationMetadata? instance = null;
        while (DateTime.UtcNow < deadline)
        {
            instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (instance?.ReadCustomStatusAs<OrchestrationProgress>()?.Held is { } held && held.Hold == hold)
            {
                return held;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException(
            $"Delivery {instanceId} was never held for the {hold}th time: {instance?.RuntimeStatus} {instance?.SerializedCustomStatus} {instance?.FailureDetails}; calls so far: {CallsSoFar()}");
    }

    /// <summary>Raises an admin's retry of the <paramref name="hold"/>th hold, as <c>POST /api/orchestrations/{id}/retry</c> does.</summary>
    public Task RetryAsync(string instanceId, int hold) =>
        Client.RaiseEventAsync(instanceId, DeliveryEvents.Retry, new RetryRequest(instanceId, $"retry-{hold}-{Guid.NewGuid():N}", "ops-1", hold));

    /// <summary>Waits until the delivery service client has been asked for a patch matching <paramref name="patch"/>.</summary>
    public Task WaitForPatchAsync(string deliveryId, Func<DeliveryPatch, bool> patch) =>
        WaitForDeliveryCallAsync(nameof(IDeliveryServiceClient.PatchAsync), arguments => arguments is [string id, DeliveryPatch received, ..] && id == deliveryId && patch(received),
            $"Delivery {deliveryId} was never patched as expected.");

    /// <summary>
    /// Waits until the delivery service client has been asked to write a record matching <paramref name="record"/>. The saga
    /// reports a stage as it enters it, before the activity that records it has run: wait for the write, not the stage.
    /// </summary>
    public Task WaitForRecordAsync(Func<Delivery, bool> record) =>
        WaitForDeliveryCallAsync(nameof(IDeliveryServiceClient.UpsertAsync), arguments => arguments is [Delivery received, ..] && record(received),
            "The expected record was never written.");

    /// <summary>Waits until the delivery service client has been asked to append a tracking event matching <paramref name="trackingEvent"/>.</summary>
    public Task WaitForTrackingAsync(Func<TrackingEvent, bool> trackingEvent) =>
        WaitForDeliveryCallAsync(nameof(IDeliveryServiceClient.AppendTrackingAsync), arguments => arguments is [TrackingEvent received, ..] && trackingEvent(received),
            "The expected tracking event was never appended.");

    /// <summary>The downstream calls the activities made, per client in order (for a failure message).</summary>
    private string CallsSoFar() =>
        string.Join("; ", new object[] { Packages, Scheduler, Deliveries }.SelectMany(client => client.ReceivedCalls()).Select(call => call.GetMethodInfo().Name));

    private async Task WaitForDeliveryCallAsync(string method, Func<object?[], bool> matches, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Deliveries.ReceivedCalls().Any(call => call.GetMethodInfo().Name == method && matches(call.GetArguments())))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{failure} Calls so far: {CallsSoFar()}");
            }

            await Task.Delay(50);
        }
    }

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId, int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }
}
