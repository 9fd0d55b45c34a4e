using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Stores.Drones;
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
        DroneState? state = null;
        if (request.Query.TryGetValue("state", out var value))
        {
            if (!EnumNames.TryParse<DroneState>(value, out var parsed))
            {
                return ApiResults.ValidationProblem(ValidationErrors.For("state", $"must be one of {string.Join(", ", Enum.GetNames<DroneState>())}"));
            }

            state = parsed;
        }

        return ApiResults.Ok(await drones.ListAsync(state, cancellationToken));
    }
}
