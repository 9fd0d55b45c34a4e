namespace DroneDelivery.Contracts.Model;

/// <summary>
/// One event of <c>GET /api/deliveries/{id}/stream</c>: the delivery as it stands after a stage
/// change or a position report — stage, drone, pickup and drop-off, the drone's position and the
/// ETA recomputed from it (a time, and seconds from when the event was sent).
/// </summary>
public sealed record TrackingUpdate(
    string DeliveryId,
    DeliveryStage Stage,
    string? DroneId,
    Location Pickup,
    Location Dropoff,
    Location? Position,
    DateTimeOffset? ReportedAt,
    DateTimeOffset? Eta,
    double? EtaSeconds,
    string? FailureReason);
