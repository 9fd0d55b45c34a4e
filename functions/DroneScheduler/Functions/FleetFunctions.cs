using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary>
/// The fleet, for admins (a bearer token with <see cref="DeliveryRoles.Admin"/>: 401/403 otherwise):
/// <c>GET /api/fleet[?state=]</c> lists the drones with their state, battery (a charging drone's as of now) and
/// whether maintenance is due; <c>PATCH /api/drones/{id}</c> <c>{"state":"Maintenance"|"Available"}</c> puts a drone in
/// or out of maintenance (<see cref="FleetMaintenance"/>) and answers the drone; 404 for an unknown drone. Every change
/// is audited: a log line naming the admin, the drone and its state before and after.
/// </summary>
public sealed class FleetFunctions(
    IDroneRepository drones, FleetMaintenance maintenance, IOptions<FleetOptions> options, TimeProvider clock,
    ILogger<FleetFunctions> logger)
{
    [Function("ListFleet")]
    [Authenticate(CallerPolicies.Admin)]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fleet")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (state, problem) = DroneStateQuery.Read(request);
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var fleet = await drones.ListAsync(state, cancellationToken);
        return ApiResults.Ok(fleet.Select(drone => DroneBattery.AsOf(drone, now, options.Value)).ToList());
    }

    [Function("ChangeDroneState")]
    [Authenticate(CallerPolicies.Admin)]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Change(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "drones/{id}")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var body = await RequestBody.ReadAsync<DroneStateChange>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        if (body.Value.State is not { } wanted || !FleetMaintenance.Requestable.Contains(wanted))
        {
            return ApiResults.ValidationProblem(ValidationErrors.For("state", "must be Maintenance or Available"));
        }

        var change = await maintenance.ChangeAsync(id, wanted, cancellationToken);
        if (change is null)
        {
            return ApiResults.NotFound("Drone", id);
        }

        logger.LogWarning("Admin {Admin} asked for drone {DroneId} to be {Wanted}: it was {Before}, it is {After}, maintenance due: {MaintenanceDue}",
            LogText.Clean(context.GetCaller().OwnerId), LogText.Clean(id), wanted, change.Before.State, change.After.State, change.After.MaintenanceDue);
        return ApiResults.Ok(change.After);
    }
}
