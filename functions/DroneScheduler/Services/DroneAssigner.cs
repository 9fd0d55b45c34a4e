using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// Assigns the nearest available drone that can carry the package and has battery for the
/// whole trip (to pickup, to drop-off, and back). The store hands out the available drones near
/// the pickup nearest first, only as far as a full battery reaches, and only as many as are
/// looked at: the first that can fly the trip is claimed, so an assignment reads the drones
/// nearby, not the fleet. Each claim is a conditional write on the version read, so two
/// deliveries never get the same drone; a lost race moves on to the next candidate. Asking again
/// for a delivery returns the drone it already has. Only <see cref="DroneState.Available"/> drones are handed out, so a
/// drone in maintenance or charging is never claimed: the state change and a claim are both conditional writes on the
/// drone's version, so one of them loses. A candidate that could carry the package but whose battery is short for the
/// trip docks to charge (<see cref="DroneBattery"/>). Releasing a drone drains the battery its mission took.
/// </summary>
public sealed class DroneAssigner(IDroneRepository drones, IOptions<FleetOptions> options, TimeProvider clock, ILogger<DroneAssigner> logger)
{
    private const int MaxRounds = 5;

    public async Task<DroneAssignment?> AssignAsync(DroneAssignmentRequest request, CancellationToken cancellationToken)
    {
        var existing = await drones.FindByDeliveryAsync(request.DeliveryId, cancellationToken);
        if (existing is not null)
        {
            return new DroneAssignment(request.DeliveryId, existing.Drone.Id, existing.Drone.Position);
        }

        var trip = new DeliveryTrip(request, options.Value.RangeKm);
        if (trip.MaxMetresToPickup < 0)
        {
            return null;
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var raced = false;
            await foreach (var candidate in drones.GetAvailableNearAsync(request.Pickup, trip.MaxMetresToPickup, cancellationToken))
            {
                if (!trip.CanFly(candidate.Drone, out _))
                {
                    if (trip.Carries(candidate.Drone) && candidate.Drone.Battery < 1
                        && await drones.TryReplaceAsync(DroneBattery.Docked(candidate.Drone, clock.GetUtcNow()), candidate.Version, cancellationToken))
                    {
                        logger.LogInformation("Drone {DroneId} is short of battery for delivery {DeliveryId} ({Battery:P0}) and docks to charge",
                            candidate.Drone.Id, request.DeliveryId, candidate.Drone.Battery);
                    }

                    continue;
                }

                var claimed = candidate.Drone with
                {
                    State = DroneState.Assigned,
                    DeliveryId = request.DeliveryId,
                    Mission = new Mission(request.DeliveryId, request.Pickup, request.Dropoff, request.ConfirmationRequired),
                };
                if (await drones.TryReplaceAsync(claimed, candidate.Version, cancellationToken))
                {
                    logger.LogInformation("Assigned drone {DroneId} to delivery {DeliveryId}", claimed.Id, request.DeliveryId);
                    return new DroneAssignment(request.DeliveryId, claimed.Id, claimed.Position);
                }

                raced = true;
            }

            if (!raced)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Sends the delivery's assigned drone on its mission (Assigned → InFlight); false when the delivery holds no drone.</summary>
    public Task<bool> DispatchAsync(string deliveryId, CancellationToken cancellationToken) =>
        UpdateHeldDroneAsync(deliveryId, drone => drone with { State = DroneState.InFlight }, "Dispatched", cancellationToken);

    /// <summary>
    /// Returns the delivery's drone, where it now is (<paramref name="position"/>, when known), less the battery its
    /// mission took when it flew (<see cref="DroneState.InFlight"/>; a drone that never took off drains nothing): to the
    /// pool, to its charger when below <see cref="FleetOptions.MinBattery"/>, or to maintenance when an admin asked for
    /// it while it flew. Releasing twice, or a delivery without a drone, is fine.
    /// </summary>
    public Task<bool> ReleaseAsync(string deliveryId, Location? position, CancellationToken cancellationToken) =>
        UpdateHeldDroneAsync(
            deliveryId,
            drone =>
            {
                var drained = drone is { State: DroneState.InFlight, Mission: { } mission } ? DroneBattery.Drain(drone.Position, mission, options.Value.RangeKm) : 0;
                var landed = drone with { Position = position ?? drone.Position };
                return DroneBattery.Grounded(landed, Math.Max(0, drone.Battery - drained), drone.MaintenanceDue, clock.GetUtcNow(), options.Value);
            },
            "Released",
            cancellationToken);

    /// <summary>How the fleet is used right now, counted from the store.</summary>
    public async Task<DroneUtilization> SummarizeAsync(CancellationToken cancellationToken)
    {
        var fleet = await drones.ListAsync(null, cancellationToken);
        int Count(DroneState state) => fleet.Count(drone => drone.State == state);
        var busy = Count(DroneState.Assigned) + Count(DroneState.InFlight);
        return new DroneUtilization(
            fleet.Count,
            Count(DroneState.Available),
            Count(DroneState.Assigned),
            Count(DroneState.InFlight),
            Count(DroneState.Charging),
            fleet.Count == 0 ? 0 : (double)busy / fleet.Count,
            fleet.Count == 0 ? 0 : fleet.Average(drone => DroneBattery.ChargeAt(drone, clock.GetUtcNow(), options.Value)),
            Count(DroneState.Maintenance));
    }

    private async Task<bool> UpdateHeldDroneAsync(string deliveryId, Func<Drone, Drone> change, string action, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var held = await drones.FindByDeliveryAsync(deliveryId, cancellationToken);
            if (held is null)
            {
                return false;
            }

            var changed = change(held.Drone);
            if (changed == held.Drone || await drones.TryReplaceAsync(changed, held.Version, cancellationToken))
            {
                logger.LogInformation("{Action} drone {DroneId} for delivery {DeliveryId}", action, changed.Id, deliveryId);
                return true;
            }
        }

        throw new InvalidOperationException($"The drone of delivery '{deliveryId}' kept changing; {action.ToLowerInvariant()} abandoned.");
    }
}
