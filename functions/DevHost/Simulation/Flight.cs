using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.DevHost.Simulation;

/// <summary>One drone flying one mission: to the pickup, then to the drop-off, in straight lines.</summary>
public sealed class Flight(string droneId, Mission mission, Location start)
{
    public string DroneId { get; } = droneId;

    public Mission Mission { get; } = mission;

    public Location Position { get; private set; } = start;

    public bool HasPackage { get; private set; }

    public int Reports { get; set; }

    private Location Target => HasPackage ? Mission.Dropoff : Mission.Pickup;

    /// <summary>Flies <paramref name="metres"/> towards the current target; returns the event reached, if any.</summary>
    public DroneEventType Advance(double metres)
    {
        var remaining = GeoMath.DistanceMetres(Position, Target);
        if (remaining > metres)
        {
            var fraction = metres / remaining;
            Position = new Location(
                Position.Latitude + ((Target.Latitude - Position.Latitude) * fraction),
                Position.Longitude + ((Target.Longitude - Position.Longitude) * fraction),
                Position.Altitude + ((Target.Altitude - Position.Altitude) * fraction));
            return DroneEventType.Position;
        }

        Position = Target;
        if (HasPackage)
        {
            return DroneEventType.Delivered;
        }

        HasPackage = true;
        return DroneEventType.PickedUp;
    }
}
