using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>The read path every GET shares: check the id, load the record, answer 404 when there is none (503 while the store is down).</summary>
public static class DeliveryLookup
{
    public static Task<IActionResult> FindAsync(
        IDeliveryRepository deliveries, string id, Func<Delivery, object> project, CancellationToken cancellationToken) =>
        DeliveryStoreOutage.GuardAsync(() => LoadAsync(deliveries, id, project, cancellationToken));

    private static async Task<IActionResult> LoadAsync(
        IDeliveryRepository deliveries, string id, Func<Delivery, object> project, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var delivery = await deliveries.GetAsync(id, cancellationToken);
        return delivery is null ? ApiResults.NotFound("Delivery", id) : ApiResults.Ok(project(delivery));
    }
}
