namespace DroneDelivery.Bench.Scenarios;

/// <summary>A delivery the bench requested: its id (from the 202's Location) and when the request was sent; <see cref="ScheduledAt"/> once known.</summary>
public sealed record PostedDelivery(string Id, DateTimeOffset SentAt)
{
    public DateTimeOffset? ScheduledAt { get; set; }

    public bool Failed { get; set; }

    public double? LatencyMilliseconds => ScheduledAt is { } at ? (at - SentAt).TotalMilliseconds : null;
}
