using DroneDelivery.Contracts.Model;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Activities;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;
using NSubstitute;

namespace DroneDelivery.UnitTests.Workflow;

/// <summary>
/// One test per path of the delivery saga, each asserting the exact activity sequence (each call
/// with the retry options of its phase: retrying transient faults is the Durable runtime's job,
/// see <see cref="ActivityRetryTests"/>) and the inputs that matter on that path. The happy path is
/// in <see cref="DeliveryOrchestratorTests"/>.
/// </summary>
public sealed class DeliverySagaPathTests : DeliverySagaTestBase
{
    private const string SaveWithoutDrone = "SaveDeliveryRecord:Created:no drone";
    private const string SaveWithDrone = "SaveDeliveryRecord:Created:drone-0042";
    private const string HeadedToPickup = "ChangeDeliveryStage:HeadedToPickup";
    private const string HeadedToDropoff = "ChangeDeliveryStage:HeadedToDropoff";
    private const string Completed = "ChangeDeliveryStage:Completed";
    private const string MarkedFailed = "ChangeDeliveryStage:Failed";
    private const string MarkedCancelled = "ChangeDeliveryStage:Cancelled";
    private const string Compensated = "RecordTrackingEvent:Compensated";
    private const string ReleasedDrone = "released drone drone-0042, removed the package";
    private const string ReleasedAnyDrone = "released any drone held, removed the package";
    private const string RemovedPackage = "removed the package";

    private static bool IsReplan(object? input) => input is StageChange { Patch.ChangeId: $"{DeliveryId}:replanned:reschedule-1" };

    private DateTime PickupDeadline => DeliverySchedule.PickupDeadline(Request);

    private DateTime DropOffDeadline => Request.Deadline.UtcDateTime;

    // Permanent failure at each step: compensation undoes what was done, in reverse.

    [Fact]
    public async Task Run_CreatePackageFailsForGood_RemovesThePackageAndSavesAFailedRecord()
    {
        FailForGood(nameof(CreatePackage));

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, null, PackageId, FailureReasons.ForStep(nameof(CreatePackage))), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage),
            nameof(RemovePackage), "SaveDeliveryRecord:Failed:no drone", Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, RemovedPackage);
    }

    [Fact]
    public async Task Run_FirstSaveFailsForGood_RemovesThePackageAndSavesAFailedRecord()
    {
        FailForGood(nameof(SaveDeliveryRecord), input => input is DeliveryRecordInput { Stage: DeliveryStage.Created, DroneId: null });

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, null, PackageId, FailureReasons.ForStep(nameof(SaveDeliveryRecord))), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone,
            nameof(RemovePackage), "SaveDeliveryRecord:Failed:no drone", Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, RemovedPackage);
    }

    [Fact]
    public async Task Run_AssignDroneFailsForGood_ReleasesAnyDroneRemovesThePackageAndMarksTheRecordFailed()
    {
        FailForGood(nameof(AssignDrone));

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, null, PackageId, FailureReasons.ForStep(nameof(AssignDrone))), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone),
            nameof(ReleaseDrone), nameof(RemovePackage), MarkedFailed, Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, ReleasedAnyDrone);
    }

    [Fact]
    public async Task Run_SecondSaveFailsForGood_ReleasesTheDroneRemovesThePackageAndMarksTheRecordFailed()
    {
        FailForGood(nameof(SaveDeliveryRecord), input => input is DeliveryRecordInput { Stage: DeliveryStage.Created, DroneId: DroneId });

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, DroneId, PackageId, FailureReasons.ForStep(nameof(SaveDeliveryRecord))), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone,
            nameof(ReleaseDrone), nameof(RemovePackage), MarkedFailed, Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, ReleasedDrone);
    }

    [Fact]
    public async Task Run_DispatchDroneFailsForGood_ReleasesTheDroneRemovesThePackageAndMarksTheRecordFailed()
    {
        FailForGood(nameof(DispatchDrone));

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, DroneId, PackageId, FailureReasons.ForStep(nameof(DispatchDrone))), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone),
            nameof(ReleaseDrone), nameof(RemovePackage), MarkedFailed, Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, ReleasedDrone);
    }

    [Fact]
    public async Task Run_HeadedToPickupFailsForGood_ReleasesTheDroneRemovesThePackageAndMarksTheRecordFailed()
    {
        FailForGood(nameof(ChangeDeliveryStage), input => input is StageChange { Patch.Stage: DeliveryStage.HeadedToPickup });

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, DroneId, PackageId, FailureReasons.ForStep(nameof(ChangeDeliveryStage))), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup,
            nameof(ReleaseDrone), nameof(RemovePackage), MarkedFailed, Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, ReleasedDrone);
        Assert.Empty(Timers());
    }

    // After the pickup nothing is undone: a step that fails even after its long retries holds the
    // delivery for an admin's retry, rather than releasing a drone that carries the package.

    [Fact]
    public async Task Run_StageChangeAfterPickupFailsForGood_HoldsTheDeliveryAtThatStep_WithoutReleasingTheDroneInFlight()
    {
        FailForGood(nameof(ChangeDeliveryStage), input => input is StageChange { Patch.Stage: DeliveryStage.HeadedToDropoff });

        var run = DeliveryOrchestrator.Run(Context);

        Assert.False(run.IsCompleted);
        Context.Received(1).SetCustomStatus(new OrchestrationProgress(DeliveryStage.HeadedToDropoff,
            new HeldStep(1, nameof(ChangeDeliveryStage), typeof(DroneDelivery.Platform.Clients.PermanentFailureException).FullName!, PermanentFailureMessage, TestTime.Start)));
        AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup, HeadedToDropoff);

        // The admin fixed the cause and retries: the step runs again and the delivery carries on to the end.
        Context.CallActivityAsync(new TaskName(nameof(ChangeDeliveryStage)), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(Task.CompletedTask);
        Retries.SetResult(new RetryRequest(DeliveryId, "retry-1", "ops-1", 1));
        var outcome = await run;

        Assert.Equal(DeliveryStage.Completed, outcome.Stage);
        AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup, HeadedToDropoff,
            HeadedToDropoff, Completed, nameof(ReleaseDrone));
    }

    [Fact]
    public void Run_ARetryForAnEarlierHold_IsIgnored_AndTheStepStaysHeld()
    {
        FailForGood(nameof(ChangeDeliveryStage), input => input is StageChange { Patch.Stage: DeliveryStage.HeadedToDropoff });
        Context.WaitForExternalEvent<RetryRequest>(DeliveryEvents.Retry).Returns(
            Task.FromResult(new RetryRequest(DeliveryId, "retry-old", "ops-1", 0)), Retries.Task);

        var run = DeliveryOrchestrator.Run(Context);

        Assert.False(run.IsCompleted);
        Assert.Equal(7, Activities().Count);
    }

    [Fact]
    public void Run_ReleaseAfterDropOffFailsForGood_HoldsTheDelivery_NeverTurningTheCompletedDeliveryIntoAFailedOne()
    {
        FailForGood(nameof(ReleaseDrone));

        var run = DeliveryOrchestrator.Run(Context);

        Assert.False(run.IsCompleted);
        AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup, HeadedToDropoff,
            Completed, nameof(ReleaseDrone));
    }

    /// <summary>
    /// The Compensated tracking event is the delivery's last history entry: it should carry the
    /// stage the delivery ended in, also when compensation had to save the record (Failed) because
    /// the saga failed before it had one.
    /// </summary>
    [Theory]
    [InlineData(nameof(CreatePackage))]
    [InlineData(nameof(DispatchDrone))]
    public async Task Run_StepFailsForGood_TracksTheCompensationAtTheFinalStage(string step)
    {
        FailForGood(step);

        await RunSagaAsync();

        Assert.Equal(DeliveryStage.Failed, InputOf<TrackingEvent>(Activities(), Compensated).Stage);
    }

    // Deadlines.

    [Fact]
    public async Task Run_NoPickupByThePickupDeadline_CompensatesAndFails()
    {
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(Never<DroneEvent>());
        Context.CreateTimer(PickupDeadline, Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);

        var outcome = await RunSagaAsync();

        Assert.Equal(
            new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, DroneId, PackageId, $"the drone did not pick up the package by {PickupDeadline:O}"),
            outcome);
        Assert.Contains("did not pick up", outcome.Reason, StringComparison.Ordinal);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup,
            nameof(ReleaseDrone), nameof(RemovePackage), MarkedFailed, Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, ReleasedDrone);
        Assert.Equal([PickupDeadline], Timers());
    }

    [Fact]
    public async Task Run_NoDropOffByTheDeadline_CompensatesAndFails()
    {
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.Delivered).Returns(Never<DroneEvent>());
        Context.CreateTimer(DropOffDeadline, Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);

        var outcome = await RunSagaAsync();

        Assert.Equal(
            new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, DroneId, PackageId, $"the package was not delivered by the deadline {DropOffDeadline:O}"),
            outcome);
        Assert.Contains("not delivered by the deadline", outcome.Reason, StringComparison.Ordinal);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup, HeadedToDropoff,
            nameof(ReleaseDrone), nameof(RemovePackage), MarkedFailed, Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, ReleasedDrone);
        Assert.Equal([PickupDeadline, DropOffDeadline], Timers());
    }

    // The customer's requests.

    [Fact]
    public async Task Run_AnAdminsCancelBeforePickup_CompensatesAndNamesTheAdminInTheReason()
    {
        Context.WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel)
            .Returns(Task.FromResult(new CancelRequest(DeliveryId, "admin-cancel-1", "ops-1")), Never<CancelRequest>());
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(Never<DroneEvent>());

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Cancelled, DroneId, PackageId, "cancelled by admin ops-1 before pickup"), outcome);
        AssertCompensation(AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup,
            nameof(ReleaseDrone), nameof(RemovePackage), MarkedCancelled, Compensated), outcome, DeliveryStage.Cancelled, ReleasedDrone);
    }

    [Fact]
    public async Task Run_CancelBeforePickup_CompensatesAndCancels()
    {
        Context.WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel)
            .Returns(Task.FromResult(new CancelRequest(DeliveryId, "cancel-1")), Never<CancelRequest>());
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(Never<DroneEvent>());

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Cancelled, DroneId, PackageId, "cancelled by the customer before pickup"), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup,
            nameof(ReleaseDrone), nameof(RemovePackage), MarkedCancelled, Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Cancelled, ReleasedDrone);
    }

    [Fact]
    public async Task Run_CancelAfterPickup_IsRefusedAndRecordedAndTheDeliveryCompletes()
    {
        var cancel = new TaskCompletionSource<CancelRequest>();
        var delivered = new TaskCompletionSource<DroneEvent>();
        Context.WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel).Returns(cancel.Task, Never<CancelRequest>());

        // The customer cancels while the saga waits for the drop-off (the package is in flight)...
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.Delivered).Returns(_ =>
        {
            cancel.SetResult(new CancelRequest(DeliveryId, "cancel-1"));
            return delivered.Task;
        });

        // ...and the drone drops the package off once the refusal is recorded.
        Context.CallActivityAsync(new TaskName(nameof(RecordTrackingEvent)), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(_ =>
        {
            delivered.TrySetResult(DroneEventOf(DroneEventType.Delivered, Samples.Dropoff));
            return Task.CompletedTask;
        });

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Completed, DroneId, PackageId), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup, HeadedToDropoff,
            "RecordTrackingEvent:CancelRefused", Completed, nameof(ReleaseDrone));
        Assert.Equal(
            new TrackingEvent(
                $"{DeliveryId}:cancel-refused:cancel-1", DeliveryId, TrackingKinds.CancelRefused, DeliveryStage.HeadedToDropoff, null,
                $"cancel refused: the package was picked up at {TestTime.Start:O} and is in flight", TestTime.Start),
            InputOf<TrackingEvent>(activities, "RecordTrackingEvent:CancelRefused"));
        Assert.Equal(new ReleaseDroneInput(DeliveryId, Samples.Dropoff), InputOf<ReleaseDroneInput>(activities, nameof(ReleaseDrone)));
        Assert.DoesNotContain(activities, activity => activity.Name == nameof(RemovePackage));
        _ = Context.Received(2).WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel);
    }

    [Fact]
    public async Task Run_RescheduleBeforePickup_ReplansAndWaitsForTheNewTimes()
    {
        var reschedule = new RescheduleRequest(DeliveryId, "reschedule-1", TestTime.Start.AddHours(2), TestTime.Start.AddHours(6));
        var rescheduled = Request with { PickupTime = reschedule.PickupTime, Deadline = reschedule.Deadline };
        Context.WaitForExternalEvent<RescheduleRequest>(DeliveryEvents.Reschedule).Returns(Task.FromResult(reschedule), Never<RescheduleRequest>());

        // The drone picks the package up once the saga has re-planned the delivery.
        var pickedUp = new TaskCompletionSource<DroneEvent>();
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(pickedUp.Task);
        Context.CallActivityAsync(new TaskName(nameof(ChangeDeliveryStage)), Arg.Is<object?>(input => IsReplan(input)), Arg.Any<TaskOptions?>()).Returns(_ =>
        {
            pickedUp.TrySetResult(DroneEventOf(DroneEventType.PickedUp, Samples.Pickup));
            return Task.CompletedTask;
        });

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Completed, DroneId, PackageId), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone), HeadedToPickup,
            "ChangeDeliveryStage:Rescheduled", HeadedToPickup, HeadedToDropoff, Completed, nameof(ReleaseDrone));
        Assert.Equal(
            new StageChange(DeliveryId, new DeliveryPatch(
                DeliveryStage.Rescheduled, reschedule.PickupTime, reschedule.Deadline, null, $"{DeliveryId}:reschedule:reschedule-1")),
            activities[6].Input);
        Assert.Equal(
            new StageChange(DeliveryId, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null, $"{DeliveryId}:replanned:reschedule-1")),
            activities[7].Input);
        Assert.Equal([PickupDeadline, DeliverySchedule.PickupDeadline(rescheduled), rescheduled.Deadline.UtcDateTime], Timers());
    }

    // Waiting for a drone.

    [Fact]
    public async Task Run_NoDroneAtFirst_WaitsAndAsksAgain()
    {
        var retryAt = Now + DeliverySchedule.NoDroneRetryDelay(0, DeliveryId);
        Context.CallActivityAsync<DroneAssignment?>(new TaskName(nameof(AssignDrone)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(null, new DroneAssignment(DeliveryId, DroneId));
        Context.CreateTimer(retryAt, Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Completed, DroneId, PackageId), outcome);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), nameof(AssignDrone), SaveWithDrone, nameof(DispatchDrone),
            HeadedToPickup, HeadedToDropoff, Completed, nameof(ReleaseDrone));
        Assert.All(activities.Where(activity => activity.Name == nameof(AssignDrone)), assign => Assert.Equal(Request, assign.Input));
        Assert.Equal([retryAt, PickupDeadline, DropOffDeadline], Timers());
    }

    /// <summary>
    /// The clock starts 20 s before the pickup deadline and, as in a real orchestration, moves to
    /// each timer when it fires: tries at +0 s, +5 s and +15 s; the next (+35 s) would be too late.
    /// </summary>
    [Fact]
    public async Task Run_NoDroneBeforeThePickupDeadline_CompensatesAndFails()
    {
        var now = PickupDeadline - TimeSpan.FromSeconds(20);
        Context.CurrentUtcDateTime.Returns(_ => now);
        Context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            now = call.Arg<DateTime>();
            return Task.CompletedTask;
        });
        Context.CallActivityAsync<DroneAssignment?>(new TaskName(nameof(AssignDrone)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns((DroneAssignment?)null);

        var outcome = await RunSagaAsync();

        Assert.Equal(
            new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, null, PackageId, $"no drone could take the delivery before its pickup deadline {PickupDeadline:O}"),
            outcome);
        Assert.Contains("no drone could take the delivery", outcome.Reason, StringComparison.Ordinal);
        var activities = AssertActivities(
            nameof(CreatePackage), SaveWithoutDrone, nameof(AssignDrone), nameof(AssignDrone), nameof(AssignDrone),
            nameof(ReleaseDrone), nameof(RemovePackage), MarkedFailed, Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, ReleasedAnyDrone);
        var first = PickupDeadline - TimeSpan.FromSeconds(20) + DeliverySchedule.NoDroneRetryDelay(0, DeliveryId);
        Assert.Equal([first, first + DeliverySchedule.NoDroneRetryDelay(1, DeliveryId)], Timers());
    }
}
