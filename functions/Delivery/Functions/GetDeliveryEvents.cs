using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
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
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/events")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryStoreOutage.GuardAsync(() => EventsAsync(request, id, cancellationToken));

    private async Task<IActionResult> EventsAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        if (caller is null)
        {
            return unauthenticated!;
        }

        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        if (await deliveries.GetAsync(id, cancellationToken) is not { } delivery || !caller.MayAccess(delivery.OwnerId))
        {
            return OwnerAccess.NotYours(id);
        }

        return ApiResults.Ok(await tracking.ListAsync(id, cancellationToken));
    }
}
