using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/deliveries/public/{id}</c>: what any signed-in caller holding the id (a tracking
/// link) may see — the stage and the deadline; no owner, places, package or drone.
/// </summary>
public sealed class GetPublicDelivery(IDeliveryRepository deliveries, CallerAuthentication callers)
{
    [Function(nameof(GetPublicDelivery))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/public/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        return caller is null
            ? unauthenticated!
            : await DeliveryLookup.FindAsync(deliveries, id, viewer: null, delivery => new PublicDelivery(delivery.Id, delivery.Stage, delivery.Deadline), cancellationToken);
    }
}
