namespace DroneDelivery.Contracts.Model;

/// <summary>
/// One entry of a delivery's history, kept by the delivery service: stage changes, drone
/// positions, refused requests and failures, each with what it was about.
/// </summary>
public sealed record TrackingEvent(
    string EventId,
    string DeliveryId,
    string Kind,
    DeliveryStage? Stage,
    Location? Position,
    string? Detail,
    DateTimeOffset OccurredAt);

/// <summary>The kinds of <see cref="TrackingEvent"/> the system records.</summary>
public static class TrackingKinds
{
    public const string StageChanged = "StageChanged";
    public const string Position = "Position";
    public const string CancelRefused = "CancelRefused";
    public const string RescheduleRefused = "RescheduleRefused";
    public const string Compensated = "Compensated";
    public const string DeadLetterReplayed = "DeadLetterReplayed";
}
