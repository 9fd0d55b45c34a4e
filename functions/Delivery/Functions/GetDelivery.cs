using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/deliveries/{id}</c>: the full delivery record, for its owner.</summary>
public sealed class GetDelivery(IDeliveryRepository deliveries, CallerAuthentication callers)
{
    [Function(nameof(GetDelivery))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        return caller is null ? unauthenticated! : await DeliveryLookup.FindAsync(deliveries, id, caller, delivery => delivery, cancellationToken);
    }
}
