using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Telemetry;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DroneDelivery.Workflow.Functions;

/// <summary>
/// <c>POST /api/droneevents</c>: where a drone (or the simulator) reports. Every report's position
/// goes to the delivery's tracking; <c>PickedUp</c> and <c>Delivered</c> are raised on the delivery's
/// orchestration. 202 when taken; 404 for an unknown delivery; 409 when it has ended. A repeated
/// event id is harmless: the tracking store keeps one, the orchestration listens for each kind once.
/// </summary>
public sealed class PostDroneEvent(IDeliveryServiceClient deliveries)
{
    [Function(nameof(PostDroneEvent))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "droneevents")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<DroneEvent>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var droneEvent = body.Value;
        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "eventId", droneEvent.EventId);
        FieldRules.RequireId(errors, "deliveryId", droneEvent.DeliveryId);
        FieldRules.RequireId(errors, "droneId", droneEvent.DroneId);
        FieldRules.RequireLocation(errors, "position", droneEvent.Position);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        DeliveryContext.Enter(droneEvent.DeliveryId);
        var instance = await durable.GetInstanceAsync(droneEvent.DeliveryId, cancellationToken);
        if (instance is null)
        {
            return ApiResults.NotFound("Delivery", droneEvent.DeliveryId);
        }

        if (instance.IsCompleted)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Delivery has ended", $"Delivery '{droneEvent.DeliveryId}' is {instance.RuntimeStatus}.");
        }

        await deliveries.AppendTrackingAsync(
            new TrackingEvent(droneEvent.EventId, droneEvent.DeliveryId, droneEvent.Type.ToString(), null, droneEvent.Position, $"drone {droneEvent.DroneId}", droneEvent.OccurredAt),
            cancellationToken);
        var eventName = droneEvent.Type switch
        {
            DroneEventType.PickedUp => DeliveryEvents.PickedUp,
            DroneEventType.Delivered => DeliveryEvents.Delivered,
            _ => null,
        };
        if (eventName is not null)
        {
            await durable.RaiseEventAsync(droneEvent.DeliveryId, eventName, droneEvent, cancellationToken);
        }

        return new JsonBodyResult(StatusCodes.Status202Accepted, droneEvent);
    }
}
