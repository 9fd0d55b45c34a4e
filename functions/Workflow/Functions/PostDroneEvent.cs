using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Telemetry;
using DroneDelivery.Workflow.Orchestrations;
using DroneDelivery.Workflow.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Workflow.Functions;

/// <summary>
/// <c>POST /api/droneevents</c>: where a drone (or the simulator) reports, as itself:
/// <c>Authorization: Drone {droneId}.{secret}</c>, a credential the drone scheduler issued it
/// (<see cref="DroneAuthentication"/>, run by the function pipeline for <see cref="DroneAuthenticator.Policy"/>; 401 otherwise). Nothing is stored or raised unless every check
/// passes, in this order: the report is the drone's own (<c>droneId</c> = the authenticated drone,
/// else 403); <c>occurredAt</c> is within <see cref="DroneReportOptions.ClockSkew"/> of now (else 400
/// naming it); the drone is the one assigned to the delivery in the drone scheduler's fleet (else 403,
/// the same for a delivery that does not exist, so ids cannot be probed); the delivery's orchestration
/// exists (404) and runs (409); <c>occurredAt</c> is not before the delivery began (400); a
/// <c>Delivered</c> report carries the proof of delivery the delivery requires, read from the
/// orchestration's input (<see cref="ConfirmationRules"/>; 400 naming <c>confirmation</c>, the
/// delivery stays HeadedToDropoff) — one sent for a delivery that requires none is dropped, and only a
/// <c>Delivered</c> report may carry one. Then the position goes to the delivery's tracking, and
/// <c>PickedUp</c>/<c>Delivered</c> are raised on the orchestration. 202 when taken. A repeated event
/// id is harmless: the tracking store keeps one, the orchestration listens for each kind once.
/// Milestones are checked against a fresh verification, never a cached one.
/// </summary>
public sealed class PostDroneEvent(IDeliveryServiceClient deliveries, DroneAuthentication drones, IOptions<DroneReportOptions> options, TimeProvider clock)
{
    [Function(nameof(PostDroneEvent))]
    [Authenticate(DroneAuthenticator.Policy)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "droneevents")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var drone = context.GetPrincipal<AuthenticatedDrone>();
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
        if (droneEvent.Confirmation is not null && droneEvent.Type != DroneEventType.Delivered)
        {
            errors.Add("confirmation", "only a Delivered report carries a confirmation");
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        if (droneEvent.DroneId != drone.DroneId)
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"Drone '{drone.DroneId}' may report only as itself, not as '{droneEvent.DroneId}'.");
        }

        var skew = options.Value.ClockSkew;
        var now = clock.GetUtcNow();
        if (droneEvent.OccurredAt < now - skew || droneEvent.OccurredAt > now + skew)
        {
            return ApiResults.ValidationProblem(ValidationErrors.For("occurredAt", $"must be within {skew} of the current time ({now:O})"));
        }

        // The assignment is the drone scheduler's: a remembered one is good enough for a position
        // that matches it; a milestone, or a report it would refuse, is checked against a fresh answer.
        if (drone.FromCache && (drone.DeliveryId != droneEvent.DeliveryId || droneEvent.Type != DroneEventType.Position))
        {
            var (fresh, refusedNow) = await drones.ReverifyAsync(drone, cancellationToken);
            if (fresh is null)
            {
                return refusedNow!;
            }

            drone = fresh;
        }

        if (drone.DeliveryId != droneEvent.DeliveryId)
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"Drone '{drone.DroneId}' is not assigned to delivery '{droneEvent.DeliveryId}'.");
        }

        DeliveryContext.Enter(droneEvent.DeliveryId);
        // A Delivered report is checked against what the delivery requires: the orchestration's input.
        var delivered = droneEvent.Type == DroneEventType.Delivered;
        var instance = await durable.GetInstanceAsync(droneEvent.DeliveryId, getInputsAndOutputs: delivered, cancellationToken);
        if (instance is null)
        {
            return ApiResults.NotFound("Delivery", droneEvent.DeliveryId);
        }

        if (instance.IsCompleted)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Delivery has ended", $"Delivery '{droneEvent.DeliveryId}' is {instance.RuntimeStatus}.");
        }

        if (droneEvent.OccurredAt < instance.CreatedAt)
        {
            return ApiResults.ValidationProblem(ValidationErrors.For("occurredAt", $"must not be before the delivery began ({instance.CreatedAt:O})"));
        }

        if (delivered)
        {
            var required = instance.ReadInputAs<DeliveryRequest>()!.ConfirmationRequired;
            droneEvent = required == ConfirmationType.None ? droneEvent with { Confirmation = null } : droneEvent;
            var proof = ConfirmationRules.Check(required, droneEvent.Confirmation);
            if (!proof.IsEmpty)
            {
                return ApiResults.ValidationProblem(proof);
            }
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
