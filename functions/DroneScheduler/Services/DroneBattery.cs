using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// The fleet's battery rules, in one place. A flown mission drains the distance of its legs (from where the drone
/// was to the pickup, then to the drop-off) over the range of a full battery. A drone that lands (or leaves
/// maintenance) below <see cref="FleetOptions.MinBattery"/> docks: <see cref="DroneState.Charging"/> from that moment,
/// gaining <see cref="FleetOptions.ChargePerMinute"/> a minute, and only a full battery makes it
/// <see cref="DroneState.Available"/> again (<see cref="FleetCharger"/>). No other drone charges: the stored battery of a
/// charging drone is what it had when it docked, and its charge now is computed from the clock.
/// </summary>
public static class DroneBattery
{
    /// <summary>The share of a full battery the mission takes from a drone that started it at <paramref name="start"/>.</summary>
    public static double Drain(Location start, Mission mission, double rangeKm) =>
        (GeoMath.DistanceMetres(start, mission.Pickup) + GeoMath.DistanceMetres(mission.Pickup, mission.Dropoff)) / (rangeKm * 1000);

    /// <summary>The drone's battery at <paramref name="now"/>: a charging drone's grows from when it docked, up to full.</summary>
    public static double ChargeAt(Drone drone, DateTimeOffset now, FleetOptions options) =>
        drone is { State: DroneState.Charging, ChargingSince: { } since }
            ? Math.Min(1, drone.Battery + (Math.Max(0, (now - since).TotalMinutes) * options.ChargePerMinute))
            : drone.Battery;

    /// <summary>The drone with the battery it has at <paramref name="now"/> (what an admin is shown).</summary>
    public static Drone AsOf(Drone drone, DateTimeOffset now, FleetOptions options) => drone with { Battery = ChargeAt(drone, now, options) };

    /// <summary>
    /// A drone with no delivery, on the ground with <paramref name="battery"/>: in the state an admin asked for
    /// (<paramref name="asked"/>: <see cref="DroneState.Maintenance"/> or <see cref="DroneState.Retired"/>), else charging
    /// when below <see cref="FleetOptions.MinBattery"/>, else available.
    /// </summary>
    public static Drone Grounded(Drone drone, double battery, DroneState? asked, DateTimeOffset now, FleetOptions options)
    {
        var state = asked ?? (battery < options.MinBattery ? DroneState.Charging : DroneState.Available);
        return drone with
        {
            State = state,
            Battery = battery,
            DeliveryId = null,
            Mission = null,
            MaintenanceDue = false,
            RetirementDue = false,
            ChargingSince = state == DroneState.Charging ? now : null,
        };
    }

    /// <summary>Where an admin asked a drone to go once it lands (retirement before maintenance), or null: nowhere.</summary>
    public static DroneState? AskedWhileFlying(Drone drone) =>
        drone.RetirementDue ? DroneState.Retired : drone.MaintenanceDue ? DroneState.Maintenance : null;

    /// <summary>A drone sent to charge now, at the battery it has.</summary>
    public static Drone Docked(Drone drone, DateTimeOffset now) => drone with { State = DroneState.Charging, ChargingSince = now };
}
