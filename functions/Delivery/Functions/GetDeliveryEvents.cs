using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/deliveries/{id}/events</c>: the delivery's tracking history, oldest first; owner only.</summary>
public sealed class GetDeliveryEvents(IDeliveryRepository deliveries, ITrackingRepository tracking, CallerAuthentication callers)
{
    [Function(nameof(GetDeliveryEvents))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/events")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        return caller is null
            ? unauthenticated!
            : await DeliveryLookup.FindAsync(deliveries, id, caller, async delivery => (object)await tracking.ListAsync(delivery.Id, cancellationToken), cancellationToken);
    }
}
