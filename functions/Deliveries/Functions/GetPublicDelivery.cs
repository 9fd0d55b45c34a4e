using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/deliveries/public/{id}</c>: what any signed-in caller holding the id (a tracking
/// link) may see — the stage and the deadline; no owner, places, package or drone.
/// </summary>
public sealed class GetPublicDelivery(IDeliveryRepository deliveries)
{
    [Function(nameof(GetPublicDelivery))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("delivery store")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/public/{id}")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        DeliveryLookup.FindAsync(deliveries, id, viewer: null, delivery => new PublicDelivery(delivery.Id, delivery.Stage, delivery.Deadline), cancellationToken);
}
