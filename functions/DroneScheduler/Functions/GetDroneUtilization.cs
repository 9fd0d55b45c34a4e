using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary><c>GET /api/drones/utilization</c>: fleet counts by state, share in use and average battery, from the store.</summary>
public sealed class GetDroneUtilization(DroneAssigner assigner)
{
    [Function(nameof(GetDroneUtilization))]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "drones/utilization")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiResults.Ok(await assigner.SummarizeAsync(cancellationToken));
}
