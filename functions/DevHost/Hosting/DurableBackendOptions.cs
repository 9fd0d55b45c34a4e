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
}
