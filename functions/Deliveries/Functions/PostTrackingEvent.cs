using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>POST /api/deliveries/{id}/tracking</c> (internal): appends a tracking event — a drone
/// position, a refused request, a compensation. 201 when recorded, 204 when its id was seen before.
/// A position (also a repeated one) is checked against the deadline for <c>delivery.delayed</c>.
/// </summary>
public sealed class PostTrackingEvent(ITrackingRepository tracking, IDeliveryNotifications notifications)
{
    [Function(nameof(PostTrackingEvent))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "deliveries/{id}/tracking")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<TrackingEvent>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var trackingEvent = body.Value;
        var errors = DeliveryRules.ValidateTrackingEvent(id, trackingEvent);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var appended = await tracking.AppendAsync(trackingEvent, cancellationToken);
        if (trackingEvent.Position is not null)
        {
            await notifications.PositionRecordedAsync(trackingEvent, cancellationToken);
        }

        return appended ? ApiResults.Created($"/api/deliveries/{id}/events", trackingEvent) : ApiResults.NoContent();
    }
}
