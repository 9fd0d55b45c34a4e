namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>
/// Configuration section <c>Webhooks</c>: how events are sent to customers' receivers. Production
/// retries a failing receiver with exponential backoff (5 s, 10 s, 20 s … capped at an hour) for a
/// day; the local host retries sooner and for less long, and alone may send to loopback over http.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Subscriptions one owner may hold.</summary>
    public const int MaxPerOwner = 10;

    /// <summary>
    /// Allows <c>http://</c> URLs whose host is a loopback address (and sending to loopback
    /// addresses): for a receiver on the developer's own machine. Set only by the local host;
    /// off in the apps and never set by the chart.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>How long one attempt may take (connect, send, answer) before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt; each further one doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after an event was raised it is still tried; then it is given up (and the attempt says so).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each replica looks for messages that have come due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages one replica sends at once: a slow receiver holds one slot, never a delivery.</summary>
    public int MaxConcurrentSends { get; set; } = 32;

    /// <summary>
    /// How long a claimed message stays with the replica that claimed it before another may take it
    /// (that replica stopped mid-send): longer than an attempt can take.
    /// </summary>
    public TimeSpan Lease => AttemptTimeout + TimeSpan.FromSeconds(30);
}
