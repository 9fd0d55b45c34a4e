using DroneDelivery.Contracts.Model;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/deliveries/public/{id}</c>: only what anyone holding the id may see.</summary>
public sealed class GetPublicDelivery(IDeliveryRepository deliveries)
{
    [Function(nameof(GetPublicDelivery))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/public/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryLookup.FindAsync(deliveries, id, delivery => new PublicDelivery(delivery.Id, delivery.Stage, delivery.Dropoff, delivery.Deadline), cancellationToken);
}
