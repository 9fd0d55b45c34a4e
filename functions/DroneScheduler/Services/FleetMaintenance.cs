using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// Puts drones in and out of maintenance (the admins' <c>PATCH /api/drones/{id}</c>). A grounded drone
/// (available or charging) goes <see cref="DroneState.Maintenance"/> at once; one on a delivery keeps flying it and is
/// marked <see cref="Drone.MaintenanceDue"/>, so its release grounds it in maintenance (<see cref="DroneAssigner.ReleaseAsync"/>).
/// Out of maintenance, a drone goes back to the pool, or to its charger when its battery is low; a mark not yet acted on
/// is lifted. Each change is a conditional write on the version read, like a claim, so the two never both win.
/// </summary>
public sealed class FleetMaintenance(IDroneRepository drones, IOptions<FleetOptions> options, TimeProvider clock)
{
    private const int MaxRounds = 5;

    /// <summary>The states an admin may ask for.</summary>
    public static readonly IReadOnlySet<DroneState> Requestable = new HashSet<DroneState> { DroneState.Maintenance, DroneState.Available };

    /// <summary>The drone as it was and as it is after the change (its battery as of now), or null when the fleet has no such drone.</summary>
    public async Task<DroneChange?> ChangeAsync(string droneId, DroneState wanted, CancellationToken cancellationToken)
    {
        if (!Requestable.Contains(wanted))
        {
            throw new ArgumentOutOfRangeException(nameof(wanted), wanted, "An admin may ask for Maintenance or Available only.");
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var current = await drones.GetAsync(droneId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            var changed = Change(current.Drone, wanted, now);
            if (changed == current.Drone || await drones.TryReplaceAsync(changed, current.Version, cancellationToken))
            {
                return new DroneChange(current.Drone, DroneBattery.AsOf(changed, now, options.Value));
            }
        }

        throw new InvalidOperationException($"Drone '{droneId}' kept changing; the change to {wanted} was abandoned.");
    }

    private Drone Change(Drone drone, DroneState wanted, DateTimeOffset now) => (wanted, drone.State) switch
    {
        (DroneState.Maintenance, DroneState.Available or DroneState.Charging) =>
            DroneBattery.Grounded(drone, DroneBattery.ChargeAt(drone, now, options.Value), maintenance: true, now, options.Value),
        (DroneState.Maintenance, DroneState.Assigned or DroneState.InFlight) => drone with { MaintenanceDue = true },
        (DroneState.Available, DroneState.Maintenance) => DroneBattery.Grounded(drone, drone.Battery, maintenance: false, now, options.Value),
        (DroneState.Available, DroneState.Assigned or DroneState.InFlight) => drone with { MaintenanceDue = false },
        _ => drone,
    };
}

/// <summary>A drone before and after an admin's change (the same when there was nothing to change).</summary>
public sealed record DroneChange(Drone Before, Drone After);
