using DroneDelivery.Contracts.Validation;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary><c>GET /api/drones/{id}/credentials</c> (internal): the drone's live credentials — ids and issue times, never secrets; 404 for an unknown drone.</summary>
public sealed class GetDroneCredentials(FleetCredentials credentials)
{
    [Function(nameof(GetDroneCredentials))]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "drones/{id}/credentials")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        return await credentials.ListAsync(id, cancellationToken) is { } live ? ApiResults.Ok(live) : ApiResults.NotFound("Drone", id);
    }
}
