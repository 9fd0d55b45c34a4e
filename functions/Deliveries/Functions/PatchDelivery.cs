using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>PATCH /api/deliveries/{id}</c> (internal, called by the workflow): stage, schedule or
/// failure reason. A stage change is also appended to the delivery's tracking events, in the same
/// store write; one that
/// would move the delivery backwards or reopen it (a late retry) changes nothing and answers the
/// record as it is. A patch to Completed must carry the confirmation the delivery requires
/// (<see cref="DeliveryRules.ValidateCompletion"/>, else 400 and nothing changes).
/// The stage's webhook event is raised (<see cref="IDeliveryNotifications"/>) on
/// every such write, a retried one too: it is raised once however often it is written.
/// </summary>
public sealed class PatchDelivery(IDeliveryRepository deliveries, IDeliveryNotifications notifications, IDroneTimeLedger droneTime, TimeProvider clock)
{
    [Function(nameof(PatchDelivery))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "patch", Route = "deliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var body = await RequestBody.ReadAsync<DeliveryPatch>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var patch = body.Value;
        var errors = DeliveryRules.ValidatePatch(patch);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        if (patch.Stage == DeliveryStage.Completed)
        {
            // What a delivery requires never changes once recorded: the record read here still holds when the patch lands.
            var stored = await deliveries.GetAsync(id, cancellationToken);
            if (stored is null)
            {
                return ApiResults.NotFound("Delivery", id);
            }

            var proof = DeliveryRules.ValidateCompletion(stored, patch);
            if (!proof.IsEmpty)
            {
                return ApiResults.ValidationProblem(proof);
            }
        }

        var now = clock.GetUtcNow();
        var stageChange = patch.Stage is { } changed
            ? new TrackingEvent(patch.ChangeId ?? $"{id}:stage:{changed}:{Guid.NewGuid():N}", id, TrackingKinds.StageChanged, changed, null, patch.FailureReason, now)
            : null;
        var updated = await deliveries.PatchAsync(id, patch, stageChange, cancellationToken);
        if (updated is null)
        {
            return ApiResults.NotFound("Delivery", id);
        }

        if (patch.Stage is { } stage && updated.Stage == stage)
        {
            await notifications.StageRecordedAsync(updated, cancellationToken);
            await droneTime.StageRecordedAsync(updated, now, cancellationToken);
        }

        return ApiResults.Ok(updated);
    }
}
