using DroneDelivery.Contracts.Validation;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary><c>POST /api/dronedeliveries/{id}/dispatch</c>: the assigned drone takes off (InFlight); 404 when the delivery holds no drone.</summary>
public sealed class DispatchDrone(DroneAssigner assigner)
{
    [Function(nameof(DispatchDrone))]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "dronedeliveries/{id}/dispatch")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        return await assigner.DispatchAsync(id, cancellationToken)
            ? ApiResults.NoContent()
            : ApiResults.NotFound("Drone assignment for delivery", id);
    }
}
