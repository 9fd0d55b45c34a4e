using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// Puts drones in and out of maintenance and retires them (the admins' <c>PATCH /api/drones/{id}</c>). A grounded drone
/// (available, charging or in maintenance) goes <see cref="DroneState.Maintenance"/> or <see cref="DroneState.Retired"/>
/// at once; one on a delivery keeps flying it and is marked (<see cref="Drone.MaintenanceDue"/>,
/// <see cref="Drone.RetirementDue"/>), so its release grounds it there (<see cref="DroneAssigner.ReleaseAsync"/>).
/// Out of maintenance, a drone goes back to the pool, or to its charger when its battery is low; a mark not yet acted on
/// is lifted. A retired drone stays retired: any other state is refused. Each change is a conditional write on the
/// version read, like a claim, so the two never both win.
/// </summary>
public sealed class FleetMaintenance(IDroneRepository drones, IOptions<FleetOptions> options, TimeProvider clock)
{
    private const int MaxRounds = 5;

    /// <summary>The states an admin may ask for.</summary>
    public static readonly IReadOnlySet<DroneState> Requestable =
        new HashSet<DroneState> { DroneState.Maintenance, DroneState.Available, DroneState.Retired };

    /// <summary>
    /// The drone as it was and as it is after the change (its battery as of now; <see cref="DroneChange.Refused"/> when it
    /// is retired and another state was asked for), or null when the fleet has no such drone.
    /// </summary>
    public async Task<DroneChange?> ChangeAsync(string droneId, DroneState wanted, CancellationToken cancellationToken)
    {
        if (!Requestable.Contains(wanted))
        {
            throw new ArgumentOutOfRangeException(nameof(wanted), wanted, "An admin may ask for Maintenance, Available or Retired only.");
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var current = await drones.GetAsync(droneId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            if (current.Drone.State == DroneState.Retired && wanted != DroneState.Retired)
            {
                return new DroneChange(current.Drone, DroneBattery.AsOf(current.Drone, now, options.Value), Refused: true);
            }

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
        (DroneState.Maintenance, DroneState.Available or DroneState.Charging) or (DroneState.Retired, DroneState.Available or DroneState.Charging or DroneState.Maintenance) =>
            DroneBattery.Grounded(drone, DroneBattery.ChargeAt(drone, now, options.Value), wanted, now, options.Value),
        (DroneState.Maintenance, DroneState.Assigned or DroneState.InFlight) => drone with { MaintenanceDue = true, RetirementDue = false },
        (DroneState.Retired, DroneState.Assigned or DroneState.InFlight) => drone with { RetirementDue = true, MaintenanceDue = false },
        (DroneState.Available, DroneState.Maintenance) => DroneBattery.Grounded(drone, drone.Battery, asked: null, now, options.Value),
        (DroneState.Available, DroneState.Assigned or DroneState.InFlight) => drone with { MaintenanceDue = false, RetirementDue = false },
        _ => drone,
    };
}

/// <summary>A drone before and after an admin's change (the same when there was nothing to change, or it was refused).</summary>
public sealed record DroneChange(Drone Before, Drone After, bool Refused = false);
