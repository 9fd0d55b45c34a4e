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
/// every report carries the drone's position. A <c>Delivered</c> report carries the proof of
/// delivery the delivery requires (<see cref="Confirmation"/>); no other report carries one.
/// </summary>
public sealed record DroneEvent(
    string EventId,
    string DeliveryId,
    string DroneId,
    DroneEventType Type,
    Location Position,
    DateTimeOffset OccurredAt,
    DeliveryConfirmation? Confirmation = null);
