using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// The read path the GETs share: check the id, load the record, answer 404 when there is none — or,
/// with a viewer, when it is not the viewer's (<see cref="OwnerAccess"/>) — and 503 while the store is down.
/// </summary>
public static class DeliveryLookup
{
    public static Task<IActionResult> FindAsync(
        IDeliveryRepository deliveries, string id, Caller? viewer, Func<Delivery, object> project, CancellationToken cancellationToken) =>
        FindAsync(deliveries, id, viewer, delivery => Task.FromResult(project(delivery)), cancellationToken);

    /// <summary>The same, for an answer that needs another read (status, events).</summary>
    public static Task<IActionResult> FindAsync(
        IDeliveryRepository deliveries, string id, Caller? viewer, Func<Delivery, Task<object>> project, CancellationToken cancellationToken) =>
        StoreOutageGuard.GuardAsync("delivery store", StoreOutage.IsOutage, () => LoadAsync(deliveries, id, viewer, project, cancellationToken));

    private static async Task<IActionResult> LoadAsync(
        IDeliveryRepository deliveries, string id, Caller? viewer, Func<Delivery, Task<object>> project, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var delivery = await deliveries.GetAsync(id, cancellationToken);
        if (delivery is null)
        {
            return ApiResults.NotFound("Delivery", id);
        }

        return viewer is null || viewer.MayAccess(delivery.OwnerId) ? ApiResults.Ok(await project(delivery)) : OwnerAccess.NotYours(id);
    }
}
