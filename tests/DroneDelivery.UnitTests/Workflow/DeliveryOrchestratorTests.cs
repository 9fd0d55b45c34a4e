using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Activities;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.UnitTests.Workflow;

/// <summary>
/// The saga over a substituted <see cref="TaskOrchestrationContext"/>: activities answer at once,
/// the drone's events are already there, timers and customer requests never fire. The other paths
/// (failures, deadlines, customer requests, waiting for a drone) are in <see cref="DeliverySagaPathTests"/>.
/// </summary>
public sealed class DeliveryOrchestratorTests : DeliverySagaTestBase
{
    [Fact]
    public async Task Run_HappyPath_RunsTheStepsInOrderAndCompletes()
    {
        var outcome = await DeliveryOrchestrator.Run(Context);

        Assert.Equal(new DeliveryOutcome("delivery-1", DeliveryStage.Completed, "drone-0042", "package-1"), outcome);
        Assert.Equal(
            [
                nameof(CreatePackage), "SaveDeliveryRecord:Created:no drone", nameof(AssignDrone), "SaveDeliveryRecord:Created:drone-0042", nameof(DispatchDrone),
                "ChangeDeliveryStage:HeadedToPickup", "ChangeDeliveryStage:HeadedToDropoff", "ChangeDeliveryStage:Completed", nameof(ReleaseDrone),
            ],
            Activities().Select(Describe));
    }

    [Fact]
    public async Task Run_HappyPath_PassesTheRightInputs()
    {
        await DeliveryOrchestrator.Run(Context);

        var inputs = Activities().ToDictionary(activity => Describe(activity), activity => activity.Input);
        Assert.Equal(Request, inputs[nameof(CreatePackage)]);
        Assert.Equal(Request, inputs[nameof(AssignDrone)]);
        Assert.Equal(new DeliveryRecordInput(Request, null, DeliveryStage.Created), inputs["SaveDeliveryRecord:Created:no drone"]);
        Assert.Equal(new DeliveryRecordInput(Request, "drone-0042", DeliveryStage.Created), inputs["SaveDeliveryRecord:Created:drone-0042"]);
        Assert.Equal("delivery-1", inputs[nameof(DispatchDrone)]);
        Assert.Equal(
            new StageChange("delivery-1", new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null, "delivery-1:stage:HeadedToPickup")),
            inputs["ChangeDeliveryStage:HeadedToPickup"]);
        Assert.Equal(new ReleaseDroneInput("delivery-1", Samples.Dropoff), inputs[nameof(ReleaseDrone)]);
    }

    [Fact]
    public async Task Run_StepsBeforePickup_MayFailTheDeliveryAndStepsAfterAreSeenThrough()
    {
        await DeliveryOrchestrator.Run(Context);

        var activities = Activities();
        Assert.Equal(6, activities.TakeWhile(activity => activity.Options == ActivityRetry.Default).Count());
        AssertRetryOptions(activities);
    }

    [Fact]
    public async Task Run_AssignDroneFailsForGood_CompensatesWithoutDispatching()
    {
        Context.CallActivityAsync<DroneAssignment?>(new TaskName(nameof(AssignDrone)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .ThrowsAsync(new TaskFailedException(nameof(AssignDrone), 7, Failure(typeof(PermanentFailureException).FullName!, "400 bad request")));

        var outcome = await DeliveryOrchestrator.Run(Context);

        Assert.Equal(DeliveryStage.Failed, outcome.Stage);
        Assert.Null(outcome.DroneId);
        Assert.Equal(FailureReasons.ForStep(nameof(AssignDrone)), outcome.Reason);
        var activities = Activities();
        Assert.Equal(
            [
                nameof(CreatePackage), "SaveDeliveryRecord:Created:no drone", nameof(AssignDrone),
                nameof(ReleaseDrone), nameof(RemovePackage), "ChangeDeliveryStage:Failed", "RecordTrackingEvent:Compensated",
            ],
            activities.Select(Describe));
        Assert.Equal(new PackageRemoval("delivery-1", "delivery-1"), activities.Single(activity => activity.Name == nameof(RemovePackage)).Input);
        var failed = Assert.IsType<StageChange>(activities.Single(activity => Describe(activity) == "ChangeDeliveryStage:Failed").Input);
        Assert.Equal(FailureReasons.ForStep(nameof(AssignDrone)), failed.Patch.FailureReason);
    }

    [Fact]
    public async Task Run_CreatePackageFails_NeverAsksForADrone()
    {
        Context.CallActivityAsync<string>(new TaskName(nameof(CreatePackage)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .ThrowsAsync(new TaskFailedException(nameof(CreatePackage), 3, Failure("System.Exception", "boom")));

        var outcome = await DeliveryOrchestrator.Run(Context);

        Assert.Equal(DeliveryStage.Failed, outcome.Stage);
        Assert.DoesNotContain(Activities(), activity => activity.Name is nameof(AssignDrone) or nameof(ReleaseDrone) or nameof(DispatchDrone));
    }

    [Fact]
    public async Task Run_PickupFromAnotherDrone_IsIgnored()
    {
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(
            DroneEvent(DroneEventType.PickedUp, Samples.Pickup, "drone-9999"),
            DroneEvent(DroneEventType.PickedUp, Samples.Pickup));

        var outcome = await DeliveryOrchestrator.Run(Context);

        Assert.Equal(DeliveryStage.Completed, outcome.Stage);
        _ = Context.Received(2).WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp);
    }

    [Fact]
    public async Task Run_DeliveredWithoutTheRequiredConfirmation_IsIgnored_AndTheConfirmedOneCompletesWithIt()
    {
        var unconfirmed = DroneEventOf(DroneEventType.Delivered, Samples.Dropoff) with { Confirmation = null };
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.Delivered).Returns(
            Task.FromResult(unconfirmed),
            DroneEvent(DroneEventType.Delivered, Samples.Dropoff));

        var outcome = await DeliveryOrchestrator.Run(Context);

        Assert.Equal(DeliveryStage.Completed, outcome.Stage);
        _ = Context.Received(2).WaitForExternalEvent<DroneEvent>(DeliveryEvents.Delivered);
        await Context.Received(1).CallActivityAsync(
            new TaskName(nameof(ChangeDeliveryStage)),
            Arg.Is<StageChange>(change => change.Patch.Stage == DeliveryStage.Completed && change.Patch.Confirmation == Samples.FingerPrint),
            Arg.Any<TaskOptions?>());
    }

    [Fact]
    public async Task Run_WithoutInput_Throws()
    {
        Context.GetInput<DeliveryRequest>().Returns((DeliveryRequest?)null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliveryOrchestrator.Run(Context));
    }
}
