using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask.Client;
using NSubstitute;

namespace DroneDelivery.IntegrationTests.Workflow;

/// <summary>
/// Duplicate and out-of-order drone events and customer requests, on the in-memory Durable
/// backend and on Azure Storage: the delivery ends the same way, each stage is written once, nothing is undone twice.
/// </summary>
public abstract class OutOfOrderEventTests(DurableBackendKind backend) : IAsyncLifetime
{
    private DurableHarness _durable = null!;

    public async ValueTask InitializeAsync() => _durable = await DurableHarness.StartAsync(backend);

    public async ValueTask DisposeAsync()
    {
        await _durable.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static DeliveryPatch StageIs(DeliveryStage stage) => Arg.Is<DeliveryPatch>(patch => patch.Stage == stage);

    [Fact]
    public async Task DeliveredBeforePickedUp_IsHeldUntilThePickup_AndTheDeliveryCompletesOnce()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0021");

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await _durable.RaiseDroneEventAsync(request, DroneEventType.Delivered, "drone-0021");
        await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-0021");
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(DeliveryStage.Completed, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        Received.InOrder(() =>
        {
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToDropoff), Arg.Any<CancellationToken>());
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Completed), Arg.Any<CancellationToken>());
        });
        await _durable.Deliveries.Received(1).PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Completed), Arg.Any<CancellationToken>());
        await _durable.Scheduler.Received(1).ReleaseAsync(request.DeliveryId, Arg.Any<Location?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RepeatedPickupAndDeliveryReports_ChangeNothing()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0022");

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        for (var report = 0; report < 3; report++)
        {
            await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-0022");
        }

        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToDropoff);
        for (var report = 0; report < 3; report++)
        {
            await _durable.RaiseDroneEventAsync(request, DroneEventType.Delivered, "drone-0022");
        }

        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(DeliveryStage.Completed, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        await _durable.Deliveries.Received(1).PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToDropoff), Arg.Any<CancellationToken>());
        await _durable.Deliveries.Received(1).PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Completed), Arg.Any<CancellationToken>());
        await _durable.Scheduler.Received(1).ReleaseAsync(request.DeliveryId, Arg.Any<Location?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ARepeatedCancel_CompensatesOnce()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0023");

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await _durable.Client.RaiseEventAsync(request.DeliveryId, DeliveryEvents.Cancel, new CancelRequest(request.DeliveryId, "req-1"));
        await _durable.Client.RaiseEventAsync(request.DeliveryId, DeliveryEvents.Cancel, new CancelRequest(request.DeliveryId, "req-1"));
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(DeliveryStage.Cancelled, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        await _durable.Scheduler.Received(1).ReleaseAsync(request.DeliveryId, null, Arg.Any<CancellationToken>());
        await _durable.Packages.Received(1).DeleteAsync(Package.IdFor(request.DeliveryId), request.DeliveryId, Arg.Any<CancellationToken>());
        await _durable.Deliveries.Received(1).PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Cancelled), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ARescheduleAndAPickupAfterTheCancel_ChangeNothing()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0024");

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await _durable.Client.RaiseEventAsync(request.DeliveryId, DeliveryEvents.Cancel, new CancelRequest(request.DeliveryId, "req-1"));
        var result = await _durable.CompletionAsync(request.DeliveryId);
        var reschedule = new RescheduleRequest(request.DeliveryId, "req-2", request.PickupTime.AddHours(1), request.Deadline.AddHours(1));
        await _durable.Client.RaiseEventAsync(request.DeliveryId, DeliveryEvents.Reschedule, reschedule);
        await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-0024");
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var after = await _durable.Client.GetInstanceAsync(request.DeliveryId, getInputsAndOutputs: true, TestContext.Current.CancellationToken);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after!.RuntimeStatus);
        Assert.Equal(DeliveryStage.Cancelled, after.ReadOutputAs<DeliveryOutcome>()!.Stage);
        Assert.Equal(result.LastUpdatedAt, after.LastUpdatedAt);
        await _durable.Deliveries.DidNotReceive().PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Rescheduled), Arg.Any<CancellationToken>());
        await _durable.Deliveries.DidNotReceive().PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToDropoff), Arg.Any<CancellationToken>());
    }
}

[Collection(nameof(DurableTestHostCollection))]
public sealed class OutOfOrderEventTestsInMemory() : OutOfOrderEventTests(DurableBackendKind.InMemory);

[Collection(nameof(DurableTestHostCollection))]
public sealed class OutOfOrderEventTestsAzureStorage() : OutOfOrderEventTests(DurableBackendKind.AzureStorage);
