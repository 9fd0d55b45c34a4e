using DroneDelivery.Contracts.Model;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/deliveries/{id}/status</c>: the stage and drone. Position tracking and ETA arrive
/// with the drone events (issue 4); until then the last known location is the pickup point.
/// </summary>
public sealed class GetDeliveryStatus(IDeliveryRepository deliveries)
{
    [Function(nameof(GetDeliveryStatus))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/status")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryLookup.FindAsync(deliveries, id, delivery => new DeliveryStatus(delivery.Id, delivery.Stage, delivery.Pickup, delivery.DroneId, null), cancellationToken);
}
