using System.Net;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.IntegrationTests.Workflow;

/// <summary>The delivery saga run for real on each of the local host's Durable backends, with faults injected into the downstream clients.</summary>
public abstract class DeliveryOrchestrationTests(DurableBackendKind backend) : IAsyncLifetime
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
    public async Task AValidRequest_GoesThroughEveryStage_AndReleasesTheDroneWhereItLanded()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0007");

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-0007");
        await _durable.RaiseDroneEventAsync(request, DroneEventType.Delivered, "drone-0007");
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(new DeliveryOutcome(request.DeliveryId, DeliveryStage.Completed, "drone-0007", request.PackageInfo.PackageId), result.ReadOutputAs<DeliveryOutcome>());
        // Version 2: the package and the Created record at once, then the drone and HeadedToPickup in one record write.
        await _durable.Packages.Received(1).CreateAsync(Arg.Is<Package>(p => p.Id == Package.IdFor(request.DeliveryId) && p.DeliveryId == request.DeliveryId), Arg.Any<CancellationToken>());
        await _durable.Deliveries.Received(1).UpsertAsync(Arg.Is<Delivery>(d => d.Stage == DeliveryStage.Created && d.DroneId == null), Arg.Any<CancellationToken>());
        Received.InOrder(() =>
        {
            _durable.Scheduler.AssignAsync(Arg.Is<DroneAssignmentRequest>(a => a.DeliveryId == request.DeliveryId), Arg.Any<CancellationToken>());
            _durable.Deliveries.UpsertAsync(Arg.Is<Delivery>(d => d.Stage == DeliveryStage.HeadedToPickup && d.DroneId == "drone-0007"), Arg.Any<CancellationToken>());
            _durable.Scheduler.DispatchAsync(request.DeliveryId, Arg.Any<CancellationToken>());
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToDropoff), Arg.Any<CancellationToken>());
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Completed), Arg.Any<CancellationToken>());
            _durable.Scheduler.ReleaseAsync(request.DeliveryId, request.DropOffLocation, Arg.Any<CancellationToken>());
        });
        await _durable.Deliveries.DidNotReceive().PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToPickup), Arg.Any<CancellationToken>());
        await _durable.Packages.DidNotReceiveWithAnyArgs().DeleteAsync(default!, default!, default);
    }

    [Fact]
    public async Task ADeliveryStartedBeforeVersionTwo_FinishesOnTheOneCallPerStepPath()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0007");

        await _durable.StartAsync(request, new StartOrchestrationOptions(request.DeliveryId));
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-0007");
        await _durable.RaiseDroneEventAsync(request, DroneEventType.Delivered, "drone-0007");
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Received.InOrder(() =>
        {
            _durable.Packages.CreateAsync(Arg.Is<Package>(p => p.Id == Package.IdFor(request.DeliveryId) && p.DeliveryId == request.DeliveryId), Arg.Any<CancellationToken>());
            _durable.Deliveries.UpsertAsync(Arg.Is<Delivery>(d => d.Stage == DeliveryStage.Created && d.DroneId == null), Arg.Any<CancellationToken>());
            _durable.Scheduler.AssignAsync(Arg.Is<DroneAssignmentRequest>(a => a.DeliveryId == request.DeliveryId), Arg.Any<CancellationToken>());
            _durable.Deliveries.UpsertAsync(Arg.Is<Delivery>(d => d.Stage == DeliveryStage.Created && d.DroneId == "drone-0007"), Arg.Any<CancellationToken>());
            _durable.Scheduler.DispatchAsync(request.DeliveryId, Arg.Any<CancellationToken>());
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToPickup), Arg.Any<CancellationToken>());
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToDropoff), Arg.Any<CancellationToken>());
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Completed), Arg.Any<CancellationToken>());
            _durable.Scheduler.ReleaseAsync(request.DeliveryId, request.DropOffLocation, Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task ATransientSchedulerFailure_IsRetried_AndTheDeliveryCarriesOn()
    {
        var request = SampleRequests.Delivery();
        _durable.Scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>()).Returns(
            _ => throw new DownstreamException(DroneSchedulerClient.Name, HttpStatusCode.ServiceUnavailable, "overloaded"),
            _ => new DroneAssignment(request.DeliveryId, "drone-0003"));

        await _durable.StartAsync(request);
        await _durable.WaitForRecordAsync(record => record.DroneId == "drone-0003");

        await _durable.Scheduler.Received(2).AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>());
        await _durable.Deliveries.Received(1).UpsertAsync(Arg.Is<Delivery>(d => d.DroneId == "drone-0003"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task APermanentPackageFailure_EndsFailedWithTheReason_HoldingNoDrone()
    {
        var request = SampleRequests.Delivery();
        _durable.Packages.CreateAsync(Arg.Any<Package>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new PermanentFailureException("package answered 409 Conflict: Package id in use"));

        await _durable.StartAsync(request);
        var result = await _durable.CompletionAsync(request.DeliveryId);

        var outcome = result.ReadOutputAs<DeliveryOutcome>()!;
        Assert.Equal(DeliveryStage.Failed, outcome.Stage);
        // The customer reads the project's words, never the package service's answer.
        Assert.Equal(FailureReasons.ForStep(nameof(DroneDelivery.Workflow.Activities.OpenDelivery)), outcome.Reason);
        await _durable.Packages.Received(1).CreateAsync(Arg.Any<Package>(), Arg.Any<CancellationToken>());
        await _durable.Scheduler.DidNotReceiveWithAnyArgs().AssignAsync(default!, default);
        await _durable.Scheduler.DidNotReceiveWithAnyArgs().ReleaseAsync(default!, default, default);
        await _durable.Packages.Received(1).DeleteAsync(Package.IdFor(request.DeliveryId), request.DeliveryId, Arg.Any<CancellationToken>());
        await _durable.Deliveries.Received(1).UpsertAsync(
            Arg.Is<Delivery>(d => d.Stage == DeliveryStage.Failed && d.DroneId == null && d.FailureReason == outcome.Reason && !d.FailureReason!.Contains("409")),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task APermanentFailureRecordingTheDrone_ReleasesIt_ThenRemovesThePackage_ThenMarksTheDeliveryFailed()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0005");
        _durable.Deliveries.UpsertAsync(Arg.Is<Delivery>(d => d.DroneId != null), Arg.Any<CancellationToken>())
            .ThrowsAsync(new PermanentFailureException("delivery answered 400 BadRequest"));

        await _durable.StartAsync(request);
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(DeliveryStage.Failed, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        Received.InOrder(() =>
        {
            _durable.Scheduler.ReleaseAsync(request.DeliveryId, null, Arg.Any<CancellationToken>());
            _durable.Packages.DeleteAsync(Package.IdFor(request.DeliveryId), request.DeliveryId, Arg.Any<CancellationToken>());
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Failed), Arg.Any<CancellationToken>());
            _durable.Deliveries.AppendTrackingAsync(Arg.Is<TrackingEvent>(e => e.Kind == TrackingKinds.Compensated), Arg.Any<CancellationToken>());
        });
        await _durable.Scheduler.DidNotReceiveWithAnyArgs().DispatchAsync(default!, default);
    }

    [Fact]
    public async Task AStepThatFailsForGoodAfterPickup_HoldsTheDelivery_UntilAnAdminRetriesIt_ThenItCompletes()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0013");
        var causeFixed = false;
        _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToDropoff), Arg.Any<CancellationToken>())
            .Returns(_ => causeFixed ? Task.CompletedTask : Task.FromException(new PermanentFailureException("delivery answered 400 BadRequest")));

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-0013");
        var held = await _durable.WaitForHoldAsync(request.DeliveryId, hold: 1);
        // The drop-off reported while held waits for the step; a retry before the cause is fixed holds it again.
        await _durable.RaiseDroneEventAsync(request, DroneEventType.Delivered, "drone-0013");
        await _durable.RetryAsync(request.DeliveryId, hold: 1);
        await _durable.WaitForHoldAsync(request.DeliveryId, hold: 2);
        // A second click on the first hold's button releases nothing.
        await _durable.RetryAsync(request.DeliveryId, hold: 1);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(2, (await _durable.WaitForHoldAsync(request.DeliveryId, hold: 2)).Hold);
        causeFixed = true;
        await _durable.RetryAsync(request.DeliveryId, hold: 2);
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(("ChangeDeliveryStage", "delivery answered 400 BadRequest"), (held.Step, held.ErrorMessage));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(DeliveryStage.Completed, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        Assert.Equal(new OrchestrationProgress(DeliveryStage.Completed), result.ReadCustomStatusAs<OrchestrationProgress>());
        await _durable.Deliveries.Received(3).PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToDropoff), Arg.Any<CancellationToken>());
        await _durable.Deliveries.Received(1).PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Completed), Arg.Any<CancellationToken>());
        await _durable.Packages.DidNotReceiveWithAnyArgs().DeleteAsync(default!, default!, default);
    }

    [Fact]
    public async Task ACompensationStepThatFailsForGood_HoldsTheDelivery_AndARetryFinishesTheCompensation()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0015");
        var causeFixed = false;
        _durable.Packages.DeleteAsync(Package.IdFor(request.DeliveryId), request.DeliveryId, Arg.Any<CancellationToken>())
            .Returns(_ => causeFixed ? Task.CompletedTask : Task.FromException(new PermanentFailureException("package answered 400 BadRequest")));

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await _durable.Client.RaiseEventAsync(request.DeliveryId, DeliveryEvents.Cancel, new CancelRequest(request.DeliveryId, "req-held"));
        var held = await _durable.WaitForHoldAsync(request.DeliveryId, hold: 1);
        causeFixed = true;
        await _durable.RetryAsync(request.DeliveryId, hold: 1);
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal("RemovePackage", held.Step);
        Assert.Equal(DeliveryStage.Cancelled, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        Received.InOrder(() =>
        {
            _durable.Scheduler.ReleaseAsync(request.DeliveryId, null, Arg.Any<CancellationToken>());
            _durable.Packages.DeleteAsync(Package.IdFor(request.DeliveryId), request.DeliveryId, Arg.Any<CancellationToken>());
            _durable.Packages.DeleteAsync(Package.IdFor(request.DeliveryId), request.DeliveryId, Arg.Any<CancellationToken>());
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Cancelled), Arg.Any<CancellationToken>());
        });
        await _durable.Scheduler.Received(1).ReleaseAsync(request.DeliveryId, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ACancelBeforePickup_CompensatesAndEndsCancelled()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0009");

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await _durable.Client.RaiseEventAsync(request.DeliveryId, DeliveryEvents.Cancel, new CancelRequest(request.DeliveryId, "req-1"));
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(DeliveryStage.Cancelled, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        Received.InOrder(() =>
        {
            _durable.Scheduler.ReleaseAsync(request.DeliveryId, null, Arg.Any<CancellationToken>());
            _durable.Packages.DeleteAsync(Package.IdFor(request.DeliveryId), request.DeliveryId, Arg.Any<CancellationToken>());
            _durable.Deliveries.PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Cancelled), Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task ACancelAfterPickup_IsRefusedAndRecorded_AndTheDeliveryCompletes()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0011");

        await _durable.StartAsync(request);
        await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-0011");
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToDropoff);
        await _durable.Client.RaiseEventAsync(request.DeliveryId, DeliveryEvents.Cancel, new CancelRequest(request.DeliveryId, "req-2"));

        // The drop-off arriving in the same episode would win over the cancel (by design), so it waits for the refusal.
        await _durable.WaitForTrackingAsync(e => e.Kind == TrackingKinds.CancelRefused);
        await _durable.RaiseDroneEventAsync(request, DroneEventType.Delivered, "drone-0011");
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(DeliveryStage.Completed, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        await _durable.Deliveries.Received(1).AppendTrackingAsync(
            Arg.Is<TrackingEvent>(e => e.Kind == TrackingKinds.CancelRefused && e.EventId.EndsWith("req-2", StringComparison.Ordinal) && e.Detail!.Contains("picked up")),
            Arg.Any<CancellationToken>());
        await _durable.Packages.DidNotReceiveWithAnyArgs().DeleteAsync(default!, default!, default);
    }

    [Fact]
    public async Task ARescheduleBeforePickup_MovesTheScheduleAndWaitsOn()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0013");
        var newPickup = request.PickupTime.AddHours(1);
        var newDeadline = request.Deadline.AddHours(2);

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await _durable.Client.RaiseEventAsync(request.DeliveryId, DeliveryEvents.Reschedule, new RescheduleRequest(request.DeliveryId, "req-3", newPickup, newDeadline));
        // Re-planned (back at HeadedToPickup) before the drone reports: a pickup that arrived with
        // the reschedule would win, and the reschedule would be refused as too late.
        await _durable.WaitForPatchAsync(request.DeliveryId, patch => patch.ChangeId == $"{request.DeliveryId}:replanned:req-3");
        await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-0013");
        await _durable.RaiseDroneEventAsync(request, DroneEventType.Delivered, "drone-0013");
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(DeliveryStage.Completed, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        await _durable.Deliveries.Received(1).PatchAsync(
            request.DeliveryId,
            Arg.Is<DeliveryPatch>(p => p.Stage == DeliveryStage.Rescheduled && p.PickupTime == newPickup && p.Deadline == newDeadline),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task APickupThatNeverComes_ExpiresAtTheDeadline_AndCompensates()
    {
        var request = SampleRequests.Delivery() with { PickupTime = DateTimeOffset.UtcNow, Deadline = DateTimeOffset.UtcNow.AddSeconds(3) };
        _durable.AssignsDrone("drone-0015");

        await _durable.StartAsync(request);
        var result = await _durable.CompletionAsync(request.DeliveryId);

        var outcome = result.ReadOutputAs<DeliveryOutcome>()!;
        Assert.Equal(DeliveryStage.Failed, outcome.Stage);
        Assert.Contains("did not pick up", outcome.Reason, StringComparison.Ordinal);
        await _durable.Scheduler.Received(1).ReleaseAsync(request.DeliveryId, null, Arg.Any<CancellationToken>());
        await _durable.Deliveries.Received(1).PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Failed), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AnEventFromAnotherDrone_IsIgnored()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0017");

        await _durable.StartAsync(request);
        await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-9999");
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await Task.Delay(500);

        var instance = await _durable.Client.GetInstanceAsync(request.DeliveryId, getInputsAndOutputs: true);
        Assert.Contains(nameof(DeliveryStage.HeadedToPickup), instance!.SerializedCustomStatus, StringComparison.Ordinal);
        await _durable.Deliveries.DidNotReceive().PatchAsync(request.DeliveryId, StageIs(DeliveryStage.HeadedToDropoff), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ACancelWhileWaitingForADrone_EndsCancelled_WithTheRecordVisibleMeanwhile()
    {
        var request = SampleRequests.Delivery();
        _durable.Scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>()).Returns((DroneAssignment?)null);

        await _durable.StartAsync(request);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_durable.Scheduler.ReceivedCalls().All(call => call.GetMethodInfo().Name != nameof(IDroneSchedulerClient.AssignAsync)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await _durable.Client.RaiseEventAsync(request.DeliveryId, DeliveryEvents.Cancel, new CancelRequest(request.DeliveryId, "req-4"));
        var result = await _durable.CompletionAsync(request.DeliveryId);

        Assert.Equal(DeliveryStage.Cancelled, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        await _durable.Deliveries.Received(1).UpsertAsync(Arg.Is<Delivery>(d => d.Stage == DeliveryStage.Created && d.DroneId == null), Arg.Any<CancellationToken>());
        await _durable.Scheduler.Received(1).ReleaseAsync(request.DeliveryId, null, Arg.Any<CancellationToken>());
        await _durable.Deliveries.Received(1).PatchAsync(request.DeliveryId, StageIs(DeliveryStage.Cancelled), Arg.Any<CancellationToken>());
        await _durable.Scheduler.DidNotReceiveWithAnyArgs().DispatchAsync(default!, default);
    }

    [Fact]
    public async Task NoDroneAvailable_WaitsAndAsksAgain()
    {
        var request = SampleRequests.Delivery();
        _durable.Scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>())
            .Returns(_ => null, _ => new DroneAssignment(request.DeliveryId, "drone-0019"));

        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);

        await _durable.Scheduler.Received(2).AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>());
    }
}

[Collection(nameof(DurableTestHostCollection))]
public sealed class DeliveryOrchestrationTestsInMemory() : DeliveryOrchestrationTests(DurableBackendKind.InMemory);

[Collection(nameof(DurableTestHostCollection))]
public sealed class DeliveryOrchestrationTestsAzureStorage() : DeliveryOrchestrationTests(DurableBackendKind.AzureStorage);
