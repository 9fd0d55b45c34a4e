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
/// whether maintenance or retirement is due; <c>GET /api/fleet/{id}</c> answers one; <c>POST /api/drones</c>
/// (<see cref="NewDrone"/>) adds a drone where it stands (201; 409 when the id is taken); <c>PATCH /api/drones/{id}</c>
/// <c>{"state":"Maintenance"|"Available"|"Retired"}</c> puts a drone in or out of maintenance or retires it
/// (<see cref="FleetMaintenance"/>) and answers the drone; 404 for an unknown drone, 409 for a retired one asked back.
/// Every change is audited: a log line naming the admin, the drone and its state before and after.
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

    [Function("GetFleetDrone")]
    [Authenticate(CallerPolicies.Admin)]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fleet/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        return await drones.GetAsync(id, cancellationToken) is { } drone
            ? ApiResults.Ok(DroneBattery.AsOf(drone.Drone, clock.GetUtcNow(), options.Value))
            : ApiResults.NotFound("Drone", id);
    }

    [Function("AddDrone")]
    [Authenticate(CallerPolicies.Admin)]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "drones")] HttpRequest request,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<NewDrone>(request, cancellationToken: cancellationToken);
        var valid = body.IsValid ? NewDroneValidator.Validate(body.Value) : body;
        if (!valid.IsValid)
        {
            return ApiResults.ValidationProblem(valid.Errors);
        }

        var now = clock.GetUtcNow();
        var wanted = valid.Value;
        var drone = DroneBattery.Grounded(
            new Drone(wanted.Id!, wanted.Position!, 1, wanted.MaxPayloadKg!.Value, wanted.MaxSize!.Value, DroneState.Available, null),
            wanted.Battery ?? 1, asked: null, now, options.Value);
        if (!await drones.TryAddAsync(drone, cancellationToken))
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Drone exists", $"The fleet already has a drone '{drone.Id}'.");
        }

        logger.LogWarning("Admin {Admin} added drone {DroneId} ({MaxSize}, {MaxPayloadKg} kg) at {Position}: {State}, battery {Battery:P0}",
            LogText.Clean(context.GetCaller().OwnerId), LogText.Clean(drone.Id), drone.MaxSize, drone.MaxPayloadKg, drone.Position, drone.State, drone.Battery);
        return ApiResults.Created($"/api/fleet/{Uri.EscapeDataString(drone.Id)}", drone);
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
            return ApiResults.ValidationProblem(ValidationErrors.For("state", "must be Maintenance, Available or Retired"));
        }

        var change = await maintenance.ChangeAsync(id, wanted, cancellationToken);
        if (change is null)
        {
            return ApiResults.NotFound("Drone", id);
        }

        logger.LogWarning("Admin {Admin} asked for drone {DroneId} to be {Wanted}: it was {Before}, it is {After}, maintenance due: {MaintenanceDue}, retirement due: {RetirementDue}{Refused}",
            LogText.Clean(context.GetCaller().OwnerId), LogText.Clean(id), wanted, change.Before.State, change.After.State, change.After.MaintenanceDue,
            change.After.RetirementDue, change.Refused ? " (refused: a retired drone stays retired)" : string.Empty);
        return change.Refused
            ? ApiResults.Problem(StatusCodes.Status409Conflict, "Drone retired", $"Drone '{id}' is retired; a retired drone stays retired.")
            : ApiResults.Ok(change.After);
    }
}
