using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Activities;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.UnitTests.Workflow;

/// <summary>
/// The saga over a substituted <see cref="TaskOrchestrationContext"/>: activities answer at once,
/// the drone's events are already there, timers and customer requests never fire.
/// </summary>
public sealed class DeliveryOrchestratorTests
{
    private readonly TaskOrchestrationContext _context = Substitute.For<TaskOrchestrationContext>();
    private readonly DeliveryRequest _request = Samples.Request();

    public DeliveryOrchestratorTests()
    {
        _context.GetInput<DeliveryRequest>().Returns(_request);
        _context.CreateReplaySafeLogger(Arg.Any<string>()).Returns(NullLogger.Instance);
        _context.CurrentUtcDateTime.Returns(FixedClock.Default.UtcDateTime);
        _context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(new TaskCompletionSource().Task);
        _context.WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel).Returns(new TaskCompletionSource<CancelRequest>().Task);
        _context.WaitForExternalEvent<RescheduleRequest>(DeliveryEvents.Reschedule).Returns(new TaskCompletionSource<RescheduleRequest>().Task);
        _context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(DroneEvent(DroneEventType.PickedUp, Samples.Pickup));
        _context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.Delivered).Returns(DroneEvent(DroneEventType.Delivered, Samples.Dropoff));
        _context.CallActivityAsync<string>(new TaskName(nameof(CreatePackage)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns("package-1");
        _context.CallActivityAsync<DroneAssignment?>(new TaskName(nameof(AssignDrone)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(new DroneAssignment("delivery-1", "drone-0042"));
    }

    [Fact]
    public async Task Run_HappyPath_RunsTheStepsInOrderAndCompletes()
    {
        var outcome = await DeliveryOrchestrator.Run(_context);

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
        await DeliveryOrchestrator.Run(_context);

        var inputs = Activities().ToDictionary(activity => Describe(activity), activity => activity.Input);
        Assert.Equal(_request, inputs[nameof(CreatePackage)]);
        Assert.Equal(_request, inputs[nameof(AssignDrone)]);
        Assert.Equal(new DeliveryRecordInput(_request, null, DeliveryStage.Created), inputs["SaveDeliveryRecord:Created:no drone"]);
        Assert.Equal(new DeliveryRecordInput(_request, "drone-0042", DeliveryStage.Created), inputs["SaveDeliveryRecord:Created:drone-0042"]);
        Assert.Equal("delivery-1", inputs[nameof(DispatchDrone)]);
        Assert.Equal(
            new StageChange("delivery-1", new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null, "delivery-1:stage:HeadedToPickup")),
            inputs["ChangeDeliveryStage:HeadedToPickup"]);
        Assert.Equal(new ReleaseDroneInput("delivery-1", Samples.Dropoff), inputs[nameof(ReleaseDrone)]);
    }

    [Fact]
    public async Task Run_EveryActivity_GetsTheDefaultRetryOptions()
    {
        await DeliveryOrchestrator.Run(_context);

        Assert.All(Activities(), activity => Assert.Same(ActivityRetry.Default, activity.Options));
    }

    [Fact]
    public async Task Run_AssignDroneFailsForGood_CompensatesWithoutDispatching()
    {
        _context.CallActivityAsync<DroneAssignment?>(new TaskName(nameof(AssignDrone)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .ThrowsAsync(new TaskFailedException(nameof(AssignDrone), 7, Failure(typeof(PermanentFailureException).FullName!, "400 bad request")));

        var outcome = await DeliveryOrchestrator.Run(_context);

        Assert.Equal(DeliveryStage.Failed, outcome.Stage);
        Assert.Null(outcome.DroneId);
        Assert.Contains("AssignDrone failed: 400 bad request", outcome.Reason, StringComparison.Ordinal);
        var activities = Activities();
        Assert.Equal(
            [
                nameof(CreatePackage), "SaveDeliveryRecord:Created:no drone", nameof(AssignDrone),
                nameof(ReleaseDrone), nameof(RemovePackage), "ChangeDeliveryStage:Failed", nameof(RecordTrackingEvent),
            ],
            activities.Select(Describe));
        Assert.Equal(new PackageRemoval("package-1", "delivery-1"), activities.Single(activity => activity.Name == nameof(RemovePackage)).Input);
        var failed = Assert.IsType<StageChange>(activities.Single(activity => Describe(activity) == "ChangeDeliveryStage:Failed").Input);
        Assert.Contains("400 bad request", failed.Patch.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CreatePackageFails_NeverAsksForADrone()
    {
        _context.CallActivityAsync<string>(new TaskName(nameof(CreatePackage)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .ThrowsAsync(new TaskFailedException(nameof(CreatePackage), 3, Failure("System.Exception", "boom")));

        var outcome = await DeliveryOrchestrator.Run(_context);

        Assert.Equal(DeliveryStage.Failed, outcome.Stage);
        Assert.DoesNotContain(Activities(), activity => activity.Name is nameof(AssignDrone) or nameof(ReleaseDrone) or nameof(DispatchDrone));
    }

    [Fact]
    public async Task Run_PickupFromAnotherDrone_IsIgnored()
    {
        _context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(
            DroneEvent(DroneEventType.PickedUp, Samples.Pickup, "drone-9999"),
            DroneEvent(DroneEventType.PickedUp, Samples.Pickup));

        var outcome = await DeliveryOrchestrator.Run(_context);

        Assert.Equal(DeliveryStage.Completed, outcome.Stage);
        _ = _context.Received(2).WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp);
    }

    [Fact]
    public async Task Run_WithoutInput_Throws()
    {
        _context.GetInput<DeliveryRequest>().Returns((DeliveryRequest?)null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliveryOrchestrator.Run(_context));
    }

    private static Task<DroneEvent> DroneEvent(DroneEventType type, Location position, string droneId = "drone-0042") =>
        Task.FromResult(new DroneEvent($"{type}-1", "delivery-1", droneId, type, position, FixedClock.Default));

    private static TaskFailureDetails Failure(string errorType, string message) => new(errorType, message, null, null, null);

    private static string Describe(Activity activity) => activity.Input switch
    {
        StageChange change => $"{activity.Name}:{change.Patch.Stage}",
        DeliveryRecordInput record => $"{activity.Name}:{record.Stage}:{record.DroneId ?? "no drone"}",
        _ => activity.Name,
    };

    /// <summary>The activities called, in order, whichever CallActivityAsync overload the saga used.</summary>
    private List<Activity> Activities() =>
    [
        .. _context.ReceivedCalls()
            .Where(call => call.GetMethodInfo().Name == nameof(TaskOrchestrationContext.CallActivityAsync))
            .Select(call => call.GetArguments())
            .Select(arguments => new Activity(((TaskName)arguments[0]!).Name, arguments[1], arguments[2] as TaskOptions)),
    ];

    private sealed record Activity(string Name, object? Input, TaskOptions? Options);
}
