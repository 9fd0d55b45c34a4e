namespace DroneDelivery.Contracts.Model;

/// <summary>What a drone reports about the delivery it flies.</summary>
public enum DroneEventType
{
    Position,
    PickedUp,
    Delivered,
}

/// <summary>
/// A report from a drone (or the simulator): <see cref="EventId"/> makes repeats harmless;
/// every report carries the drone's position.
/// </summary>
public sealed record DroneEvent(string EventId, string DeliveryId, string DroneId, DroneEventType Type, Location Position, DateTimeOffset OccurredAt);
