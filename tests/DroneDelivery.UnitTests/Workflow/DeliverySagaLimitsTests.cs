using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.Platform.Clients;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Activities;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.UnitTests.Workflow;

/// <summary>
/// The saga must always be able to record how a delivery ended: every record, patch and tracking
/// event it sends passes the delivery service's own validation (<see cref="DeliveryRules"/>)
/// whatever the input — ids at their limit, request ids at their limit, a downstream answer of
/// any length — and the reason a customer reads is the project's own words.
/// </summary>
public sealed class DeliverySagaLimitsTests : DeliverySagaTestBase
{
    private static readonly string LongId = new('i', FieldRules.MaxIdLength);
    private static readonly string LongRequestId = new string('r', FieldRules.MaxIdLength - 2) + ":x";

    /// <summary>What a downstream service may answer: long, and naming another customer's data.</summary>
    private static readonly string DownstreamAnswer = "package answered 409 Conflict: Package 'order-7' belongs to delivery 'd-of-another-customer'. " + new string('x', 5000);

    private readonly DeliveryRequest _request = Samples.Request() with
    {
        OwnerId = LongId,
        PackageInfo = new PackageInfo(new string('p', FieldRules.MaxIdLength), ContainerSize.Large, 50, new string('t', FieldRules.MaxTagLength)),
    };

    public DeliverySagaLimitsTests()
    {
        Context.GetInput<DeliveryRequest>().Returns(_request);
        Context.CallActivityAsync<DroneAssignment?>(new TaskName(nameof(AssignDrone)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(new DroneAssignment(DeliveryId, LongId));
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(DroneEvent(DroneEventType.PickedUp, Samples.Pickup, LongId));
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.Delivered).Returns(DroneEvent(DroneEventType.Delivered, Samples.Dropoff, LongId));
    }

    [Theory]
    [InlineData(nameof(CreatePackage))]
    [InlineData(nameof(AssignDrone))]
    [InlineData(nameof(DispatchDrone))]
    [InlineData(nameof(SaveDeliveryRecord))]
    [InlineData(nameof(ChangeDeliveryStage))]
    public async Task Run_StepFailsWithALongDownstreamAnswer_RecordsFailedInItsOwnWords_WithinEveryLimit(string step)
    {
        FailWith(step, DownstreamAnswer);

        var outcome = await RunSagaAsync();

        Assert.Equal(DeliveryStage.Failed, outcome.Stage);
        Assert.Equal(FailureReasons.ForStep(step), outcome.Reason);
        AssertEverythingSentIsValid();
        Assert.All(Activities(), activity => Assert.DoesNotContain("another-customer", Text(activity.Input), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_CancelWithALongRequestIdBeforePickup_RecordsCancelled_WithinEveryLimit()
    {
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(Never<DroneEvent>());
        Context.WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel).Returns(Task.FromResult(new CancelRequest(DeliveryId, LongRequestId)), Never<CancelRequest>());

        var outcome = await RunSagaAsync();

        Assert.Equal(DeliveryStage.Cancelled, outcome.Stage);
        AssertEverythingSentIsValid();
    }

    [Fact]
    public async Task Run_CancelAndRescheduleWithLongRequestIdsAfterPickup_AreRefusedAndRecorded_WithinEveryLimit()
    {
        var delivered = new TaskCompletionSource<DroneEvent>();
        var cancel = new TaskCompletionSource<CancelRequest>();
        var reschedule = new TaskCompletionSource<RescheduleRequest>();
        Context.WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel).Returns(cancel.Task, Never<CancelRequest>());
        Context.WaitForExternalEvent<RescheduleRequest>(DeliveryEvents.Reschedule).Returns(reschedule.Task, Never<RescheduleRequest>());

        // Both arrive while the package is in flight.
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.Delivered).Returns(_ =>
        {
            cancel.TrySetResult(new CancelRequest(DeliveryId, LongRequestId));
            reschedule.TrySetResult(new RescheduleRequest(DeliveryId, LongRequestId, TestTime.Start.AddHours(2), TestTime.Start.AddHours(5)));
            return delivered.Task;
        });
        var refusals = 0;
        Context.CallActivityAsync(new TaskName(nameof(RecordTrackingEvent)), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(_ =>
        {
            if (++refusals == 2)
            {
                delivered.TrySetResult(DroneEventOf(DroneEventType.Delivered, Samples.Dropoff, LongId));
            }

            return Task.CompletedTask;
        });

        var outcome = await RunSagaAsync();

        Assert.Equal(DeliveryStage.Completed, outcome.Stage);
        Assert.Contains(Activities(), activity => activity.Input is TrackingEvent { Kind: TrackingKinds.CancelRefused });
        Assert.Contains(Activities(), activity => activity.Input is TrackingEvent { Kind: TrackingKinds.RescheduleRefused });
        AssertEverythingSentIsValid();
    }

    [Fact]
    public async Task Run_RescheduleWithALongRequestIdBeforePickup_IsRecorded_WithinEveryLimit()
    {
        Context.WaitForExternalEvent<RescheduleRequest>(DeliveryEvents.Reschedule)
            .Returns(Task.FromResult(new RescheduleRequest(DeliveryId, LongRequestId, TestTime.Start.AddHours(2), TestTime.Start.AddHours(5))), Never<RescheduleRequest>());

        // The drone picks the package up once the saga has re-planned (its third stage change).
        var pickedUp = new TaskCompletionSource<DroneEvent>();
        Context.WaitForExternalEvent<DroneEvent>(DeliveryEvents.PickedUp).Returns(pickedUp.Task);
        var changes = 0;
        Context.CallActivityAsync(new TaskName(nameof(ChangeDeliveryStage)), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(_ =>
        {
            if (++changes == 3)
            {
                pickedUp.TrySetResult(DroneEventOf(DroneEventType.PickedUp, Samples.Pickup, LongId));
            }

            return Task.CompletedTask;
        });

        var outcome = await RunSagaAsync();

        Assert.Equal(DeliveryStage.Completed, outcome.Stage);
        Assert.Contains(Activities(), activity => activity.Input is StageChange { Patch.Stage: DeliveryStage.Rescheduled });
        AssertEverythingSentIsValid();
    }

    [Fact]
    public void BoundedId_OfDifferentLongIds_AreDifferentValidIds_AndStable()
    {
        var first = BoundedText.Id($"{DeliveryId}:cancel-refused:{LongRequestId}", $"{DeliveryId}:cancel-refused");
        var second = BoundedText.Id($"{DeliveryId}:cancel-refused:{LongRequestId}y", $"{DeliveryId}:cancel-refused");

        Assert.True(FieldRules.IsValidId(first));
        Assert.True(FieldRules.IsValidId(second));
        Assert.NotEqual(first, second);
        Assert.Equal(first, BoundedText.Id($"{DeliveryId}:cancel-refused:{LongRequestId}", $"{DeliveryId}:cancel-refused"));
        Assert.Equal("short:id", BoundedText.Id("short:id", "short"));
    }

    private void FailWith(string activity, string message)
    {
        var failure = new TaskFailedException(activity, 7, Failure(typeof(PermanentFailureException).FullName!, message));
        var name = new TaskName(activity);
        // The first call of the step fails; compensation's calls of the same activity succeed.
        Context.CallActivityAsync(name, Arg.Is<object?>(input => !IsCompensation(input)), Arg.Any<TaskOptions?>()).ThrowsAsync(failure);
        Context.CallActivityAsync<string>(name, Arg.Any<object?>(), Arg.Any<TaskOptions?>()).ThrowsAsync(failure);
        Context.CallActivityAsync<DroneAssignment?>(name, Arg.Any<object?>(), Arg.Any<TaskOptions?>()).ThrowsAsync(failure);
    }

    private static bool IsCompensation(object? input) =>
        input is StageChange { Patch.Stage: DeliveryStage.Failed or DeliveryStage.Cancelled } or DeliveryRecordInput { Stage: DeliveryStage.Failed or DeliveryStage.Cancelled };

    /// <summary>Every write the saga sent to the delivery service, checked with the service's own rules.</summary>
    private void AssertEverythingSentIsValid()
    {
        var activities = Activities();
        Assert.NotEmpty(activities);
        foreach (var activity in activities)
        {
            var errors = activity.Input switch
            {
                StageChange change => DeliveryRules.ValidatePatch(change.Patch),
                TrackingEvent trackingEvent => DeliveryRules.ValidateTrackingEvent(DeliveryId, trackingEvent),
                DeliveryRecordInput record => DeliveryRules.ValidateRecord(DeliveryId, Record(record)),
                _ => new ValidationErrors(),
            };
            Assert.True(errors.IsEmpty, $"{Describe(activity)} would be refused: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
        }
    }

    /// <summary>The record <see cref="SaveDeliveryRecord"/> writes from its input.</summary>
    private static Delivery Record(DeliveryRecordInput input) => new(
        input.Request.DeliveryId, input.Request.OwnerId, input.Request.PickupLocation, input.Request.DropOffLocation, input.Request.PickupTime,
        input.Request.Deadline, input.Request.Expedited, input.Request.ConfirmationRequired, input.Request.PackageInfo.PackageId, input.DroneId,
        input.Stage, input.Reason);

    private static string Text(object? input) => input switch
    {
        StageChange change => $"{change.Patch.FailureReason} {change.Patch.ChangeId}",
        TrackingEvent trackingEvent => $"{trackingEvent.EventId} {trackingEvent.Detail}",
        DeliveryRecordInput record => record.Reason ?? string.Empty,
        _ => string.Empty,
    };
}
