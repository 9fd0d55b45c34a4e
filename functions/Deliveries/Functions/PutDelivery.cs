using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>PUT /api/deliveries/{id}</c> (internal, called by the workflow): create or replace; 201 when
/// created, 204 otherwise (also when the stored record is newer: a late retry changes nothing). The
/// record's stage is appended to its tracking events (once per stage) in the same store write. The record's creation time is
/// the delivery service's own clock at the first write (the store keeps it across replacements); a
/// Completed record carries the confirmation the delivery requires (<see cref="DeliveryRules.ValidateRecord"/>).
/// A record written at a stage with a webhook event (HeadedToPickup: the workflow records the drone and the stage
/// in one write) raises it when the record is at that stage; one written as ended (the workflow failing or
/// cancelling a delivery it never recorded) raises its event from the record as stored, which an ignored late
/// write leaves as it was. The write answers with the record as stored, so neither reads the record again.
/// </summary>
public sealed class PutDelivery(
    IDeliveryRepository deliveries, IDeliveryNotifications notifications, IDroneTimeLedger droneTime, TimeProvider clock, ILogger<PutDelivery> logger)
{
    [Function(nameof(PutDelivery))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "deliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<Delivery>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var errors = DeliveryRules.ValidateRecord(id, body.Value);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var delivery = body.Value with { CreatedAt = now };
        var (created, stored) = await deliveries.UpsertAsync(
            delivery,
            new TrackingEvent($"{id}:stage:{delivery.Stage}", id, TrackingKinds.StageChanged, delivery.Stage, null, delivery.FailureReason, now),
            cancellationToken);
        if (WebhookEventTypes.ForStage(delivery.Stage) is not null && (delivery.Stage.IsFinal() || stored.Stage == delivery.Stage))
        {
            await notifications.StageRecordedAsync(stored, cancellationToken);
        }

        if (stored.Stage == delivery.Stage)
        {
            await droneTime.StageRecordedAsync(stored, now, cancellationToken);
        }

        if (!created)
        {
            return ApiResults.NoContent();
        }

        logger.LogInformation("Created delivery {DeliveryId} ({Stage}) on drone {DroneId}", id, delivery.Stage, delivery.DroneId);
        return ApiResults.Created($"/api/deliveries/{id}", delivery);
    }
}
