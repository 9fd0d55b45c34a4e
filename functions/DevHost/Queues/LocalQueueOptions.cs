namespace DroneDelivery.DevHost.Queues;

/// <summary>Configuration section <c>LocalQueue</c>: the broker settings the in-process queue imitates.</summary>
public sealed class LocalQueueOptions
{
    public const string Section = "LocalQueue";

    /// <summary>Deliveries before a message is dead-lettered (Service Bus default: 10).</summary>
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>Messages handled at once per queue (host.json <c>maxConcurrentCalls</c>).</summary>
    public int MaxConcurrentCalls { get; set; } = 16;

    /// <summary>Window in which a second message with the same id is dropped (duplicate detection).</summary>
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wait before an abandoned message is delivered again.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long messages in flight when the host stops may take to finish; after that they are
    /// cancelled and handed back to the queue (keep it below the host's shutdown timeout, 30 s).
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);
}
