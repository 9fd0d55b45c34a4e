using System.Security.Cryptography;
using System.Text;
using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.DevHost.Simulation;

/// <summary>One drone flying one mission: to the pickup, then to the drop-off, in straight lines.</summary>
public sealed class Flight(string droneId, Mission mission, Location start, DateTimeOffset takeOff)
{
    /// <summary>When the drone was last moved: it flies for the time that has passed, however long a tick took.</summary>
    public DateTimeOffset MovedAt { get; private set; } = takeOff;

    public string DroneId { get; } = droneId;

    public Mission Mission { get; } = mission;

    public Location Position { get; private set; } = start;

    public bool HasPackage { get; private set; }

    public int Reports { get; set; }

    /// <summary>A PickedUp or Delivered report not yet acknowledged: sent again, before flying on, until it is.</summary>
    public DroneEventType? Unacknowledged { get; set; }

    /// <summary>
    /// The mission is over for the drone (delivered and acknowledged, or the delivery ended): it
    /// waits, silent, for the scheduler to release it instead of flying the mission again.
    /// </summary>
    public bool Finished { get; set; }

    private Location Target => HasPackage ? Mission.Dropoff : Mission.Pickup;

    /// <summary>
    /// The proof of delivery the mission asks for, as a drone would capture it at the drop-off: a
    /// picture or a voice recording it keeps at a content URI (the simulator uploads nothing: the
    /// <c>.invalid</c> host says so) with the SHA-256 of its content, or the SHA-256 of a fingerprint.
    /// </summary>
    public DeliveryConfirmation? Confirmation()
    {
        var type = Mission.ConfirmationRequired;
        if (type == ConfirmationType.None)
        {
            return null;
        }

        var captured = Encoding.UTF8.GetBytes($"{type} of delivery {Mission.DeliveryId} by {DroneId}");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(captured));
        return type == ConfirmationType.FingerPrint
            ? new DeliveryConfirmation(type, null, sha256)
            : new DeliveryConfirmation(type, $"https://media.dronedelivery.invalid/{Uri.EscapeDataString(Mission.DeliveryId)}/{type.ToString().ToLowerInvariant()}", sha256);
    }

    /// <summary>Flies towards the current target at <paramref name="metresPerSecond"/> until <paramref name="now"/>; returns the event reached, if any.</summary>
    public DroneEventType Advance(DateTimeOffset now, double metresPerSecond)
    {
        var metres = Math.Max(0, (now - MovedAt).TotalSeconds) * metresPerSecond;
        MovedAt = now;
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
