using DroneDelivery.Contracts.Validation;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary><c>DELETE /api/dronedeliveries/{id}</c>: releases the delivery's drone; 204 whether or not it held one (idempotent).</summary>
public sealed class DeleteDroneDelivery(DroneAssigner assigner)
{
    [Function(nameof(DeleteDroneDelivery))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "dronedeliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        await assigner.ReleaseAsync(id, cancellationToken);
        return ApiResults.NoContent();
    }
}
