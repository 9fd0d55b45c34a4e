namespace DroneDelivery.Deliveries.Tracking;

/// <summary>Configuration section <c>Tracking</c>: how the live stream follows a delivery.</summary>
public sealed class TrackingStreamOptions
{
    public const string Section = "Tracking";

    /// <summary>How often the stream looks for new tracking events in the store.</summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A comment line this often keeps idle proxies from closing the connection.</summary>
    public TimeSpan StreamKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A stream ends after this long; the client reconnects with <c>Last-Event-ID</c>.</summary>
    public TimeSpan StreamMaxDuration { get; set; } = TimeSpan.FromMinutes(30);
}
