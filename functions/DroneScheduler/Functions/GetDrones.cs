using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary><c>GET /api/drones[?state=InFlight]</c>: the fleet, or the drones in one state, with their missions.</summary>
public sealed class GetDrones(IDroneRepository drones)
{
    [Function(nameof(GetDrones))]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "drones")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (state, problem) = DroneStateQuery.Read(request);
        if (problem is not null)
        {
            return problem;
        }

        return ApiResults.Ok(await drones.ListAsync(state, cancellationToken));
    }
}
