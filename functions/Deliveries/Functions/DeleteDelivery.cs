using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>DELETE /api/deliveries/{id}</c> (internal): 204 whether or not it existed (idempotent).</summary>
public sealed class DeleteDelivery(IDeliveryRepository deliveries)
{
    [Function(nameof(DeleteDelivery))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "deliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        await deliveries.DeleteAsync(id, cancellationToken);
        return ApiResults.NoContent();
    }
}
