using System.Diagnostics.CodeAnalysis;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Telemetry;
using DroneDelivery.Workflow.Activities;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>
/// The delivery saga, run by <see cref="DeliveryOrchestrator"/>: create the package, record the
/// delivery (Created, visible to the customer), assign a drone (waiting while none is free), record
/// the drone, dispatch it, wait for pickup and drop-off. Deterministic: time comes from
/// the context, all I/O goes through activities. It remembers what it has done so compensation
/// undoes exactly that, in reverse: release the drone, remove the package, mark the delivery
/// Failed or Cancelled with the reason. Cancel and reschedule requests are external events that
/// are honoured until the package is picked up and refused (and recorded) after. Until then a step
/// that fails for good ends the delivery; from the pickup on (and once compensation has begun)
/// nothing can be undone, so every step retries until it is done (<see cref="ActivityRetry"/>) and,
/// should it still fail, the delivery is held at that step until an admin retries it (<see cref="StepAsync(Func{TaskOptions, Task})"/>).
/// </summary>
[SuppressMessage("Orchestration", "DURABLE0010", Justification = "_logger is the context's replay-safe logger; the analyzer does not follow fields.")]
public sealed class DeliverySaga(TaskOrchestrationContext context, DeliveryRequest request)
{
    private readonly ILogger _logger = context.CreateReplaySafeLogger(nameof(DeliverySaga));
    private readonly bool _batched = DeliverySagaVersions.IsBatched(context.Version);
    private DeliveryRequest _request = request;
    private bool _droneRequested;
    private bool _recordSaved;
    private bool _undoable = true;
    private string? _droneId;
    private DeliveryStage _stage = DeliveryStage.Created;
    private DateTime _startedAt;
    private DateTime _stageSince;
    private Task<CancelRequest> _cancel = null!;
    private string? _cancelledBy;
    private int _holds;
    private Task<RescheduleRequest> _reschedule = null!;

    private string DeliveryId => _request.DeliveryId;

    /// <summary>The reason a cancelled delivery records: the customer's cancel, or the admin's who cancelled it.</summary>
    private string CancelReason => _cancelledBy is null ? "cancelled by the customer before pickup" : $"cancelled by {_cancelledBy} before pickup";

    /// <summary>How the next step is retried: it may still fail the delivery, or it must be done.</summary>
    private TaskOptions Retry => _undoable ? ActivityRetry.Default : ActivityRetry.UntilDone;

    public async Task<DeliveryOutcome> RunAsync()
    {
        using var logScope = _logger.BeginScope(new Dictionary<string, object?> { [DroneDeliveryTelemetry.DeliveryIdTag] = DeliveryId });
        _startedAt = _stageSince = context.CurrentUtcDateTime;
        _cancel = context.WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel);
        _reschedule = context.WaitForExternalEvent<RescheduleRequest>(DeliveryEvents.Reschedule);
        try
        {
            // The record exists from here on, so the customer can follow (and cancel) a delivery
            // that is still waiting for a drone; it gets its drone once one is assigned.
            await OpenAsync();
            var ended = await FindDroneAsync();
            if (ended is not null)
            {
                return ended;
            }

            await DispatchAsync();

            var pickup = await AwaitDroneAsync(DeliveryEvents.PickedUp, pickup: null);
            if (!pickup.Arrived)
            {
                return pickup.Ended;
            }

            // The package is in the air: from here nothing is undone, every step is seen through.
            _undoable = false;
            await ChangeStageAsync(DeliveryStage.HeadedToDropoff);
            var dropOff = await AwaitDroneAsync(DeliveryEvents.Delivered, pickup.Report);
            if (!dropOff.Arrived)
            {
                return dropOff.Ended;
            }

            await CompleteAsync(dropOff.Report);
            _logger.LogInformation("Delivery {DeliveryId} completed by drone {DroneId}", DeliveryId, _droneId);
            return Outcome(DeliveryStage.Completed);
        }
        catch (TaskFailedException failure) when (_undoable)
        {
            // The customer reads the project's own words; the downstream's answer is for the log only.
            _logger.LogWarning("Delivery {DeliveryId}: {Step} failed for good: {Error}",
                DeliveryId, failure.TaskName, LogText.Clean(failure.FailureDetails.ErrorMessage));
            return await CompensateAsync(DeliveryStage.Failed, FailureReasons.ForStep(failure.TaskName), "step-failed");
        }
    }

    /// <summary>Registers the package and records the delivery as Created (one activity from version 2 on).</summary>
    private async Task OpenAsync()
    {
        if (_batched)
        {
            await StepAsync(retry => context.OpenDeliveryAsync(_request, retry));
            _recordSaved = true;
            return;
        }

        await StepAsync(retry => context.CreatePackageAsync(_request, retry));
        await SaveRecordAsync();
    }

    /// <summary>Records the drone and HeadedToPickup and sends the drone off (one activity from version 2 on).</summary>
    private async Task DispatchAsync()
    {
        if (_batched)
        {
            EnterStage(DeliveryStage.HeadedToPickup);
            await StepAsync(retry => context.DispatchDeliveryAsync(new DeliveryRecordInput(_request, _droneId, DeliveryStage.HeadedToPickup), retry));
            return;
        }

        await SaveRecordAsync();
        await StepAsync(retry => context.DispatchDroneAsync(DeliveryId, retry));
        await ChangeStageAsync(DeliveryStage.HeadedToPickup);
    }

    /// <summary>Records Completed with the drop-off's proof and releases the drone where it landed (one activity from version 2 on).</summary>
    private async Task CompleteAsync(DroneEvent dropOff)
    {
        var completed = StageChangeTo(DeliveryStage.Completed, confirmation: dropOff.Confirmation);
        if (_batched)
        {
            await StepAsync(retry => context.CompleteDeliveryAsync(new DeliveryCompletion(completed, dropOff.Position), retry));
            return;
        }

        await StepAsync(retry => context.ChangeDeliveryStageAsync(completed, retry));
        await StepAsync(retry => context.ReleaseDroneAsync(new ReleaseDroneInput(DeliveryId, dropOff.Position), retry));
    }

    /// <summary>Asks for a drone until one is free, waiting longer each time; gives up at the pickup deadline. Returns an outcome only when the delivery ended.</summary>
    private async Task<DeliveryOutcome?> FindDroneAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            _droneRequested = true;
            // Always before pickup, so a failure for good ends the delivery: never held.
            var assignment = await context.AssignDroneAsync(_request, Retry);
            if (assignment is not null)
            {
                _droneId = assignment.DroneId;
                if (!context.IsReplaying)
                {
                    DroneDeliveryTelemetry.DroneAssignmentDuration.Record((context.CurrentUtcDateTime - _startedAt).TotalSeconds);
                }

                return null;
            }

            var retryAt = context.CurrentUtcDateTime + DeliverySchedule.NoDroneRetryDelay(attempt, DeliveryId);
            var pickupDeadline = DeliverySchedule.PickupDeadline(_request);
            if (retryAt > pickupDeadline)
            {
                return await CompensateAsync(DeliveryStage.Failed, $"no drone could take the delivery before its pickup deadline {pickupDeadline:O}", "no-drone");
            }

            _logger.LogInformation("No drone for delivery {DeliveryId} yet; asking again at {RetryAt:O}", DeliveryId, retryAt);
            var (result, _) = await WaitAsync<object>(null, retryAt, cancellable: true);
            if (result == WaitResult.Cancelled)
            {
                return await CompensateAsync(DeliveryStage.Cancelled, CancelReason, "cancelled");
            }
        }
    }

    /// <summary>
    /// Waits for the delivery's drone to report <paramref name="milestone"/> (PickedUp, or Delivered after
    /// <paramref name="pickup"/>) by its deadline. Before pickup the wait is cancellable and a reschedule moves the
    /// deadline; a report from another drone, or a drop-off without the confirmation the delivery requires, is ignored.
    /// Ends with the drone's report, or with the delivery's outcome when it ended instead.
    /// </summary>
    [SuppressMessage("Orchestration", "DURABLE0011", Justification = "Every turn consumes an external event and the deadline timer ends the wait.")]
    private async Task<DroneWait> AwaitDroneAsync(string milestone, DroneEvent? pickup)
    {
        var cancellable = pickup is null;
        var reported = context.WaitForExternalEvent<DroneEvent>(milestone);
        while (true)
        {
            var deadline = cancellable ? DeliverySchedule.PickupDeadline(_request) : _request.Deadline.UtcDateTime;
            var (result, droneEvent) = await WaitAsync(reported, deadline, cancellable, pickup);
            switch (result)
            {
                case WaitResult.Arrived when Accepts(droneEvent!):
                    return new DroneWait(droneEvent, null);
                case WaitResult.Arrived:
                    reported = context.WaitForExternalEvent<DroneEvent>(milestone);
                    break;
                case WaitResult.Cancelled:
                    return new DroneWait(null, await CompensateAsync(DeliveryStage.Cancelled, CancelReason, "cancelled"));
                case WaitResult.TimedOut:
                    return new DroneWait(null, await CompensateAsync(DeliveryStage.Failed, cancellable
                        ? $"the drone did not pick up the package by {deadline:O}"
                        : $"the package was not delivered by the deadline {deadline:O}", "deadline"));
                case WaitResult.Rescheduled:
                    break;
            }
        }
    }

    /// <summary>True when the report comes from the delivery's drone and, for a drop-off, carries the confirmation the delivery requires.</summary>
    private bool Accepts(DroneEvent droneEvent)
    {
        if (droneEvent.DroneId != _droneId)
        {
            _logger.LogWarning("Delivery {DeliveryId}: ignored {Event} {EventId} from drone {DroneId}, which does not fly it",
                DeliveryId, droneEvent.Type, droneEvent.EventId, droneEvent.DroneId);
            return false;
        }

        if (droneEvent.Type == DroneEventType.Delivered && !ConfirmationRules.Satisfies(_request.ConfirmationRequired, droneEvent.Confirmation))
        {
            // The workflow's drone route refuses such a report; one raised another way is not proof either.
            _logger.LogWarning("Delivery {DeliveryId}: ignored Delivered {EventId} without the {Confirmation} confirmation it requires",
                DeliveryId, droneEvent.EventId, _request.ConfirmationRequired);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Waits for <paramref name="expected"/> (or, when null, only for the timer) until
    /// <paramref name="until"/>, handling the customer's requests meanwhile: before pickup a cancel
    /// ends the wait and a reschedule is applied (the caller re-plans); after pickup both are
    /// refused with a tracking event and the wait goes on.
    /// </summary>
    [SuppressMessage("Orchestration", "DURABLE0011", Justification = "Every turn consumes an external event and the timer ends the wait.")]
    private async Task<(WaitResult Result, T? Value)> WaitAsync<T>(Task<T>? expected, DateTime until, bool cancellable, DroneEvent? pickup = null)
    {
        using var timerCancellation = new CancellationTokenSource();
        var timer = context.CreateTimer(until, timerCancellation.Token);
        while (true)
        {
            // Order matters when several have completed at once: the drone's event wins over the
            // customer's requests, and all of them over the timer.
            var tasks = new List<Task>();
            if (expected is not null)
            {
                tasks.Add(expected);
            }

            tasks.AddRange([_cancel, _reschedule, timer]);

            var winner = await Task.WhenAny(tasks);
            if (winner == expected)
            {
                CancelTimer(timerCancellation);
                return (WaitResult.Arrived, await expected);
            }

            if (winner == timer)
            {
                return (WaitResult.TimedOut, default);
            }

            if (winner == _cancel)
            {
                var cancel = await _cancel;
                _cancel = context.WaitForExternalEvent<CancelRequest>(DeliveryEvents.Cancel);
                if (cancellable)
                {
                    _cancelledBy = cancel.By is { } admin ? $"admin {BoundedText.Fit(admin)}" : null;
                    CancelTimer(timerCancellation);
                    return (WaitResult.Cancelled, default);
                }

                await RecordAsync(EventId("cancel-refused", cancel.RequestId), TrackingKinds.CancelRefused,
                    $"cancel refused: the package was picked up at {pickup?.OccurredAt:O} and is in flight");
                continue;
            }

            var reschedule = await _reschedule;
            _reschedule = context.WaitForExternalEvent<RescheduleRequest>(DeliveryEvents.Reschedule);
            if (!cancellable)
            {
                await RecordAsync(EventId("reschedule-refused", reschedule.RequestId), TrackingKinds.RescheduleRefused,
                    $"reschedule refused: the package was picked up at {pickup?.OccurredAt:O} and is in flight");
                continue;
            }

            await ApplyRescheduleAsync(reschedule);
            CancelTimer(timerCancellation);
            return (WaitResult.Rescheduled, default);
        }
    }

    /// <summary>
    /// Cancels a durable timer synchronously: <c>CancelAsync</c> would run the cancellation on the
    /// thread pool, off the orchestrator's single thread, and break replay.
    /// </summary>
#pragma warning disable CA1849 // Call async methods when in an async method: not in an orchestrator.
    private static void CancelTimer(CancellationTokenSource timer) => timer.Cancel();
#pragma warning restore CA1849

    private async Task ApplyRescheduleAsync(RescheduleRequest reschedule)
    {
        _request = _request with { PickupTime = reschedule.PickupTime, Deadline = reschedule.Deadline };
        _logger.LogInformation("Delivery {DeliveryId} rescheduled: pickup {PickupTime:O}, deadline {Deadline:O}", DeliveryId, reschedule.PickupTime, reschedule.Deadline);
        var current = _stage;
        await StepAsync(retry => context.ChangeDeliveryStageAsync(new StageChange(DeliveryId,
            new DeliveryPatch(DeliveryStage.Rescheduled, reschedule.PickupTime, reschedule.Deadline, null, EventId("reschedule", reschedule.RequestId))),
            retry));
        await StepAsync(retry => context.ChangeDeliveryStageAsync(new StageChange(DeliveryId,
            new DeliveryPatch(current, null, null, null, EventId("replanned", reschedule.RequestId))),
            retry));
    }

    /// <summary>Undoes what was done, in reverse, and ends the delivery in <paramref name="stage"/> with the reason.</summary>
    private async Task<DeliveryOutcome> CompensateAsync(DeliveryStage stage, string reason, string cause)
    {
        // Whatever the reason says, it must fit the record: a delivery that cannot be recorded as ended never ends.
        reason = BoundedText.Fit(reason);
        // Compensation is seen through: its steps retry until done, and one that still fails holds the
        // delivery for an admin's retry (it is not compensated again).
        _undoable = false;
        _logger.LogWarning("Delivery {DeliveryId} ends {Stage}: {Reason}; compensating", DeliveryId, stage, reason);
        var undone = new List<string>();
        if (_droneRequested)
        {
            await StepAsync(retry => context.ReleaseDroneAsync(new ReleaseDroneInput(DeliveryId, null), retry));
            undone.Add(_droneId is null ? "released any drone held" : $"released drone {_droneId}");
        }

        // Creating the package is the first step: every compensation follows an attempt at it.
        await StepAsync(retry => context.RemovePackageAsync(new PackageRemoval(Package.IdFor(DeliveryId), DeliveryId), retry));
        undone.Add("removed the package");

        if (_recordSaved)
        {
            await ChangeStageAsync(stage, reason);
        }
        else
        {
            EnterStage(stage);
            await StepAsync(retry => context.SaveDeliveryRecordAsync(new DeliveryRecordInput(_request, null, stage, reason), retry));
        }

        await RecordAsync(EventId("compensated"), TrackingKinds.Compensated, $"{reason}; {string.Join(", ", undone)}");
        if (!context.IsReplaying)
        {
            DroneDeliveryTelemetry.Compensations.Add(1, new KeyValuePair<string, object?>("cause", cause));
        }

        return Outcome(stage, reason);
    }

    /// <summary>
    /// Runs a step with the retries the moment allows (<see cref="Retry"/>). While the delivery can still be undone, a step
    /// that fails for good ends it (the saga compensates); once nothing can be undone (the package in the air, or
    /// compensation begun) the delivery is held at that step instead (<see cref="HoldAsync"/>) and the step runs again
    /// when an admin retries it, as often as it takes.
    /// </summary>
    private async Task StepAsync(Func<TaskOptions, Task> step)
    {
        while (true)
        {
            try
            {
                await step(Retry);
                return;
            }
            catch (TaskFailedException failure) when (!_undoable)
            {
                await HoldAsync(failure);
            }
        }
    }

    /// <summary>
    /// Holds the delivery at the step that failed: the custom status names the step and its failure (admins list it with
    /// <c>GET /api/orchestrations</c>), until a <see cref="DeliveryEvents.Retry"/> for this hold arrives; a retry meant for
    /// an earlier hold (a second click) is logged and ignored. The customer's requests and the drone's reports that come
    /// meanwhile wait in the orchestration's inbox and are handled once the step is done.
    /// </summary>
    [SuppressMessage("Orchestration", "DURABLE0011", Justification = "Every turn consumes an external event.")]
    private async Task HoldAsync(TaskFailedException failure)
    {
        var details = failure.FailureDetails;
        var held = new HeldStep(++_holds, failure.TaskName, details.ErrorType, BoundedText.Fit(LogText.Clean(details.ErrorMessage)),
            new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        context.SetCustomStatus(new OrchestrationProgress(_stage, held));
        _logger.LogError("Delivery {DeliveryId} held at {Stage}: {Step} failed for good ({ErrorType}: {Error}); an admin's retry runs it again",
            DeliveryId, _stage, held.Step, held.ErrorType, held.ErrorMessage);
        if (!context.IsReplaying)
        {
            DroneDeliveryTelemetry.DeliveriesHeld.Add(1, new KeyValuePair<string, object?>("step", held.Step));
        }

        while (true)
        {
            var retry = await context.WaitForExternalEvent<RetryRequest>(DeliveryEvents.Retry);
            if (retry.Hold == held.Hold)
            {
                _logger.LogWarning("Delivery {DeliveryId}: admin {Admin} retries {Step} (request {RequestId})",
                    DeliveryId, LogText.Clean(retry.By), held.Step, LogText.Clean(retry.RequestId));
                context.SetCustomStatus(new OrchestrationProgress(_stage));
                return;
            }

            _logger.LogWarning("Delivery {DeliveryId}: ignored retry {RequestId} for hold {Hold}; held now at hold {Current}",
                DeliveryId, LogText.Clean(retry.RequestId), retry.Hold, held.Hold);
        }
    }

    private async Task SaveRecordAsync()
    {
        await StepAsync(retry => context.SaveDeliveryRecordAsync(new DeliveryRecordInput(_request, _droneId, DeliveryStage.Created), retry));
        _recordSaved = true;
    }

    private Task ChangeStageAsync(DeliveryStage stage, string? reason = null)
    {
        var change = StageChangeTo(stage, reason);
        return StepAsync(retry => context.ChangeDeliveryStageAsync(change, retry));
    }

    /// <summary>Enters <paramref name="stage"/> and says how the record moves there (its change id makes a retry harmless).</summary>
    private StageChange StageChangeTo(DeliveryStage stage, string? reason = null, DeliveryConfirmation? confirmation = null)
    {
        EnterStage(stage);
        return new StageChange(DeliveryId, new DeliveryPatch(stage, null, null, reason, EventId($"stage:{stage}"), confirmation));
    }

    /// <summary>
    /// Leaves the current stage, recording how long the delivery spent in it (once: not while replaying), and shows the
    /// new stage as the orchestration's custom status.
    /// </summary>
    private void EnterStage(DeliveryStage stage)
    {
        var now = context.CurrentUtcDateTime;
        if (!context.IsReplaying)
        {
            DroneDeliveryTelemetry.StageDuration.Record((now - _stageSince).TotalSeconds, new KeyValuePair<string, object?>("stage", _stage.ToString()));
        }

        _stage = stage;
        _stageSince = now;
        context.SetCustomStatus(new OrchestrationProgress(stage));
    }

    private Task RecordAsync(string eventId, string kind, string detail)
    {
        var trackingEvent = new TrackingEvent(eventId, DeliveryId, kind, _stage, null, BoundedText.Fit(detail), new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        return StepAsync(retry => context.RecordTrackingEventAsync(trackingEvent, retry));
    }

    /// <summary>
    /// The id of a tracking event or change the saga records: <c>{deliveryId}:{what}[:{requestId}]</c>,
    /// or a hash of it when a long request id would take it past the id limit the delivery service checks.
    /// </summary>
    private string EventId(string what, string? requestId = null) =>
        BoundedText.Id(requestId is null ? $"{DeliveryId}:{what}" : $"{DeliveryId}:{what}:{requestId}", $"{DeliveryId}:{what}");

    private DeliveryOutcome Outcome(DeliveryStage stage, string? reason = null)
    {
        context.SetCustomStatus(new OrchestrationProgress(stage));
        if (!context.IsReplaying)
        {
            // Counted once: a replayed orchestration passes here again with IsReplaying set.
            DroneDeliveryTelemetry.DeliveriesEnded.Add(1, new KeyValuePair<string, object?>("stage", stage.ToString()));
        }

        return new DeliveryOutcome(DeliveryId, stage, _droneId, _request.PackageInfo.PackageId, reason);
    }
}
