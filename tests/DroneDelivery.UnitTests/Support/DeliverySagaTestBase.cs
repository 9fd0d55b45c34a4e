using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Workflow.Activities;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.UnitTests.Support;

/// <summary>One activity call the saga made: the activity's name, its input and its task options.</summary>
public sealed record ActivityCall(string Name, object? Input, TaskOptions? Options);

/// <summary>
/// The delivery saga over a substituted <see cref="TaskOrchestrationContext"/>, set up for the
/// happy path: activities answer at once (CreatePackage with <see cref="PackageId"/>, AssignDrone
/// with <see cref="DroneId"/>), the drone's events are already there, timers and customer requests
/// never fire, and the clock stands at <see cref="TestTime.Start"/>. A test changes what it
/// needs and reads what the saga did back from the substitute's received calls. The substitute's
/// tasks are already complete (or never complete), so the saga runs synchronously: it either ends
/// or is stuck at a wait that nothing will end, which <see cref="RunSagaAsync"/> reports.
/// </summary>
public abstract class DeliverySagaTestBase
{
    protected const string DeliveryId = "delivery-1";
    protected const string DroneId = "drone-0042";
    protected const string PackageId = "package-1";
    protected const string PermanentFailureMessage = "400 bad request";

    protected DeliverySagaTestBase()
    {
        Context.GetInput<DeliveryRequest>().Returns(Request);
        Context.CreateReplaySafeLogger(Arg.Any<string>()).Returns(NullLogger.Instance);
        Context.CurrentUtcDateTime.Returns(Now);
        Context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(new TaskCompletionSource().Task);
        Context.WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel).Returns(Never<CancelRequest>());
        Context.WaitForExternalEvent<RescheduleRequest>(DeliveryEvents.Reschedule).Returns(Never<RescheduleRequest>());
        Context.WaitForExternalEvent<RetryRequest>(DeliveryEvents.Retry).Returns(_ => Retries.Task);
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(DroneEvent(DroneEventType.PickedUp, Samples.Pickup));
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.Delivered).Returns(DroneEvent(DroneEventType.Delivered, Samples.Dropoff));
        Context.CallActivityAsync<string>(new TaskName(nameof(CreatePackage)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(PackageId);
        Context.CallActivityAsync<DroneAssignment?>(new TaskName(nameof(AssignDrone)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(new DroneAssignment(DeliveryId, DroneId));
    }

    /// <summary>The orchestration's clock.</summary>
    protected static DateTime Now => TestTime.Start.UtcDateTime;

    protected TaskOrchestrationContext Context { get; } = Substitute.For<TaskOrchestrationContext>();

    protected DeliveryRequest Request { get; } = Samples.Request();

    /// <summary>The admin's retry of a held step: it comes when the test completes it (a new one for each wait).</summary>
    protected TaskCompletionSource<RetryRequest> Retries { get; set; } = new();

    /// <summary>Runs the orchestrator, failing (rather than hanging) when the saga is left waiting.</summary>
    protected Task<DeliveryOutcome> RunSagaAsync()
    {
        var run = DeliveryOrchestrator.Run(Context);
        Assert.True(run.IsCompleted, $"The saga is waiting for something that never happens; it did {string.Join(", ", Activities().Select(Describe))}.");
        return run;
    }

    protected static Task<T> Never<T>() => new TaskCompletionSource<T>().Task;

    /// <summary>A drone event about this delivery, as it arrives.</summary>
    protected static Task<DroneEvent> DroneEvent(DroneEventType type, Location position, string droneId = DroneId) =>
        Task.FromResult(DroneEventOf(type, position, droneId));

    /// <summary>A drone event about this delivery, which happened at <see cref="TestTime.Start"/>; Delivered brings the confirmation the request requires.</summary>
    protected static DroneEvent DroneEventOf(DroneEventType type, Location position, string droneId = DroneId) =>
        new($"{type}-1", DeliveryId, droneId, type, position, TestTime.Start, type == DroneEventType.Delivered ? Samples.FingerPrint : null);

    protected static TaskFailureDetails Failure(string errorType, string message) => new(errorType, message, null, null, null);

    /// <summary>
    /// Makes the calls of <paramref name="activity"/> whose input matches <paramref name="input"/>
    /// (all of them by default) fail with a <see cref="PermanentFailureException"/>, as the Durable
    /// runtime reports it once it has decided not to retry.
    /// </summary>
    protected void FailForGood(string activity, Func<object?, bool>? input = null)
    {
        var failure = new TaskFailedException(activity, 7, Failure(typeof(PermanentFailureException).FullName!, PermanentFailureMessage));
        var matching = input ?? (_ => true);
        var name = new TaskName(activity);
        Context.CallActivityAsync(name, Arg.Is<object?>(value => matching(value)), Arg.Any<TaskOptions?>())
            .ThrowsAsync(failure);
        Context.CallActivityAsync<string>(name, Arg.Is<object?>(value => matching(value)), Arg.Any<TaskOptions?>())
            .ThrowsAsync(failure);
        Context.CallActivityAsync<DroneAssignment?>(name, Arg.Is<object?>(value => matching(value)), Arg.Any<TaskOptions?>())
            .ThrowsAsync(failure);
    }

    /// <summary>An activity call in a line: its name, and the stage, drone or tracking kind it carries.</summary>
    protected static string Describe(ActivityCall activity) => activity.Input switch
    {
        StageChange change => $"{activity.Name}:{change.Patch.Stage}",
        DeliveryRecordInput record => $"{activity.Name}:{record.Stage}:{record.DroneId ?? "no drone"}",
        TrackingEvent tracking => $"{activity.Name}:{tracking.Kind}",
        _ => activity.Name,
    };

    /// <summary>The activities called, in order, whichever CallActivityAsync overload the saga used.</summary>
    protected IReadOnlyList<ActivityCall> Activities() =>
    [
        .. Context.ReceivedCalls()
            .Where(call => call.GetMethodInfo().Name == nameof(TaskOrchestrationContext.CallActivityAsync))
            .Select(call => call.GetArguments())
            .Select(arguments => new ActivityCall(((TaskName)arguments[0]!).Name, arguments[1], arguments[2] as TaskOptions)),
    ];

    /// <summary>When the durable timers the saga created were set to fire, in order.</summary>
    protected IReadOnlyList<DateTime> Timers() =>
    [
        .. Context.ReceivedCalls()
            .Where(call => call.GetMethodInfo().Name == nameof(TaskOrchestrationContext.CreateTimer))
            .Select(call => call.GetArguments()[0])
            .OfType<DateTime>(),
    ];

    /// <summary>
    /// Asserts the activities called, in order (as <see cref="Describe"/> puts them), and how each
    /// is retried (<see cref="AssertRetryOptions"/>); returns them for a look at their inputs.
    /// </summary>
    protected IReadOnlyList<ActivityCall> AssertActivities(params string[] expected)
    {
        var activities = Activities();
        Assert.Equal(expected, activities.Select(Describe));
        AssertRetryOptions(activities);
        return activities;
    }

    /// <summary>
    /// Every step up to the first that cannot be undone — the first drone release or package removal
    /// (compensation, or the release after the drop-off) or the stage change after the pickup — may
    /// still fail the delivery (<see cref="ActivityRetry.Default"/>); from that step on every one is
    /// seen through (<see cref="ActivityRetry.UntilDone"/>).
    /// </summary>
    protected static void AssertRetryOptions(IReadOnlyList<ActivityCall> activities)
    {
        var pointOfNoReturn = activities.TakeWhile(activity =>
            activity.Name is not (nameof(ReleaseDrone) or nameof(RemovePackage))
            && Describe(activity) != $"{nameof(ChangeDeliveryStage)}:{DeliveryStage.HeadedToDropoff}").Count();
        Assert.All(activities.Take(pointOfNoReturn), activity => Assert.Same(ActivityRetry.Default, activity.Options));
        Assert.All(activities.Skip(pointOfNoReturn), activity => Assert.Same(ActivityRetry.UntilDone, activity.Options));
    }

    /// <summary>The input of the one call <see cref="Describe"/> puts as <paramref name="described"/>.</summary>
    protected static T InputOf<T>(IEnumerable<ActivityCall> activities, string described) =>
        Assert.IsType<T>(Assert.Single(activities, activity => Describe(activity) == described).Input);

    /// <summary>
    /// Asserts the inputs of the compensation that ended the delivery in <paramref name="stage"/>
    /// (the sequence itself is asserted with <see cref="AssertActivities"/>): the drone released
    /// wherever it is, this delivery's package removed, the delivery marked with the outcome's
    /// reason — by a stage change when it has a record, else by saving one without a drone — and a
    /// Compensated tracking event saying what was <paramref name="undone"/>.
    /// </summary>
    protected void AssertCompensation(IReadOnlyList<ActivityCall> activities, DeliveryOutcome outcome, DeliveryStage stage, string undone)
    {
        Assert.Equal(stage, outcome.Stage);
        Assert.Equal(PackageId, outcome.PackageId);
        var reason = outcome.Reason;
        Assert.NotNull(reason);
        Assert.All(activities.Where(activity => activity.Name == nameof(ReleaseDrone)), release =>
            Assert.Equal(new ReleaseDroneInput(DeliveryId, null), release.Input));
        Assert.Equal(new PackageRemoval(Package.IdFor(DeliveryId), DeliveryId), InputOf<PackageRemoval>(activities, nameof(RemovePackage)));
        if (activities.Any(activity => Describe(activity) == $"{nameof(ChangeDeliveryStage)}:{stage}"))
        {
            Assert.Equal(
                new StageChange(DeliveryId, new DeliveryPatch(stage, null, null, reason, $"{DeliveryId}:stage:{stage}")),
                InputOf<StageChange>(activities, $"{nameof(ChangeDeliveryStage)}:{stage}"));
        }
        else
        {
            Assert.Equal(
                new DeliveryRecordInput(Request, null, stage, reason),
                InputOf<DeliveryRecordInput>(activities, $"{nameof(SaveDeliveryRecord)}:{stage}:no drone"));
        }

        // Its stage is asserted by Run_StepFailsForGood_TracksTheCompensationAtTheFinalStage; it is
        // recorded at the orchestration's time (which only moves in the tests that move it).
        var compensated = Assert.IsType<TrackingEvent>(activities[^1].Input);
        Assert.Equal(nameof(RecordTrackingEvent), activities[^1].Name);
        Assert.Equal(
            new TrackingEvent($"{DeliveryId}:compensated", DeliveryId, TrackingKinds.Compensated, compensated.Stage, null, $"{reason}; {undone}",
                new DateTimeOffset(Context.CurrentUtcDateTime, TimeSpan.Zero)),
            compensated);
    }
}
