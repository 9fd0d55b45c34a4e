using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/deliveries/{id}/owner</c> (internal: function key).</summary>
public sealed class GetDeliveryOwner(IDeliveryRepository deliveries)
{
    [Function(nameof(GetDeliveryOwner))]
    [AnswersStoreOutage("delivery store")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "deliveries/{id}/owner")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryLookup.FindAsync(deliveries, id, viewer: null, delivery => new DeliveryOwner(delivery.Id, delivery.OwnerId), cancellationToken);
}
