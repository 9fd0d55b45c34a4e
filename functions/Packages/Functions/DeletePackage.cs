using DroneDelivery.Contracts.Validation;
using DroneDelivery.Packages.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Packages.Functions;

/// <summary>
/// <c>DELETE /api/packages/{id}[?deliveryId=..]</c> (internal, compensation): removes the package —
/// only if it belongs to the given delivery, so a compensation never removes another delivery's
/// package. 204 whether or not there was one to remove (idempotent).
/// </summary>
public sealed class DeletePackage(IPackageRepository packages)
{
    [Function(nameof(DeletePackage))]
    [AnswersStoreOutage("package store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "packages/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        string? deliveryId = request.Query["deliveryId"];
        if (deliveryId is not null)
        {
            var package = await packages.GetAsync(id, cancellationToken);
            if (package is null || package.DeliveryId != deliveryId)
            {
                return ApiResults.NoContent();
            }
        }

        await packages.DeleteAsync(id, cancellationToken);
        return ApiResults.NoContent();
    }
}
