using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/deliveries/{id}/events</c>: the delivery's tracking history, oldest first.</summary>
public sealed class GetDeliveryEvents(IDeliveryRepository deliveries, ITrackingRepository tracking)
{
    [Function(nameof(GetDeliveryEvents))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/events")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryStoreOutage.GuardAsync(() => EventsAsync(id, cancellationToken));

    private async Task<IActionResult> EventsAsync(string id, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        if (await deliveries.GetAsync(id, cancellationToken) is null)
        {
            return ApiResults.NotFound("Delivery", id);
        }

        return ApiResults.Ok(await tracking.ListAsync(id, cancellationToken));
    }
}
