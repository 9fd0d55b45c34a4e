using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/deliveries/{id}</c>: the full delivery record.</summary>
public sealed class GetDelivery(IDeliveryRepository deliveries)
{
    [Function(nameof(GetDelivery))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryLookup.FindAsync(deliveries, id, delivery => delivery, cancellationToken);
}
