namespace DroneDelivery.DevHost.Hosting;

/// <summary>Configuration section <c>Durable</c>: the in-memory Durable backend's settings.</summary>
public sealed class DurableBackendOptions
{
    public const string Section = "Durable";

    /// <summary>
    /// Orchestrator and activity work items the backend hands out at once (each). The package's own
    /// limit is <see cref="Environment.ProcessorCount"/>; at the limit its dispatcher sleeps 500 ms.
    /// </summary>
    public int MaxConcurrentWorkItems { get; set; } = 10_000;

    /// <summary>Activity functions run at once, as host.json's <c>maxConcurrentActivityFunctions</c> allows a deployed app.</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 32;

    /// <summary>
    /// How long an ended orchestration (Completed, Failed, Terminated) keeps its history before it is
    /// purged, as a deployment's scheduled task hub purge does. Until then its status can be queried.
    /// </summary>
    public TimeSpan PurgeFinishedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often ended orchestrations older than <see cref="PurgeFinishedAfter"/> are looked for.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromSeconds(30);
}
