namespace DroneDelivery.DevHost.Hosting;

/// <summary>Which Durable Task backend the local host runs its orchestrations on (<c>Durable:Backend</c>).</summary>
public enum DurableBackendKind
{
    /// <summary>The package's in-memory store (<c>Microsoft.DurableTask.InProcessTestHost</c>): fast, lost with the process.</summary>
    InMemory,

    /// <summary>The production provider (<c>Microsoft.Azure.DurableTask.AzureStorage</c>) on Azurite or <c>AzureWebJobsStorage</c>.</summary>
    AzureStorage,
}

/// <summary>Configuration section <c>Durable</c>: the local host's Durable backend and its settings.</summary>
public sealed class DurableBackendOptions
{
    public const string Section = "Durable";

    /// <summary>The backend (<c>--Durable:Backend AzureStorage</c>); in-memory by default.</summary>
    public DurableBackendKind Backend { get; set; } = DurableBackendKind.InMemory;

    /// <summary>
    /// Orchestrator and activity work items the in-memory backend hands out at once (each). The package's own
    /// limit is <see cref="Environment.ProcessorCount"/>; at the limit its dispatcher sleeps 500 ms.
    /// </summary>
    public int MaxConcurrentWorkItems { get; set; } = 10_000;

    /// <summary>Activity functions run at once, as host.json's <c>maxConcurrentActivityFunctions</c> allows a deployed app.</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 32;

    /// <summary>
    /// How long an ended orchestration (Completed, Failed, Terminated) keeps its history before it is
    /// purged, as a deployment's scheduled task hub purge does. Until then its status can be queried.
    /// (In-memory backend only: Azure Storage keeps its history, as a deployment's task hub does.)
    /// </summary>
    public TimeSpan PurgeFinishedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often ended orchestrations older than <see cref="PurgeFinishedAfter"/> are looked for.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Azure Storage task hub; host.json's <c>extensions.durableTask.hubName</c> when unset.</summary>
    public string? HubName { get; set; }

    /// <summary>Azure Storage control-queue partitions; host.json's <c>storageProvider.partitionCount</c> when unset.</summary>
    public int? PartitionCount { get; set; }

    /// <summary>
    /// Azure Storage partitions leased through a table (<c>true</c>, the provider's default since 2.x) or through blobs
    /// (<c>false</c>); host.json's <c>storageProvider.useTablePartitionManagement</c> when unset.
    /// </summary>
    public bool? UseTablePartitionManagement { get; set; }

    /// <summary>
    /// Which existing instances a start with the same id replaces (host.json <c>overridableExistingInstanceStates</c>,
    /// as the Functions host reads it): <c>NonRunningStates</c> (a start of a Pending, Running or Suspended instance
    /// fails with <c>OrchestrationAlreadyExistsException</c>) or <c>AnyState</c>. Applied on every backend.
    /// </summary>
    public string? OverridableExistingInstanceStates { get; set; }

    /// <summary>Longest wait between two polls of an idle Azure Storage queue (the provider's default, 30 s, makes timers late after idle).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a dequeued Azure Storage work item (activity) stays invisible to other workers. The sidecar does not
    /// renew it, so it must outlast the longest activity; it is also how long the activities a killed host had taken
    /// wait before a restarted host gets them (the provider's default, 5 min, left a crash test's deliveries standing
    /// for minutes). The activities here are HTTP calls bounded by their resilience pipelines' total timeouts.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Same for orchestrator messages on the control queues (provider default 5 min).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Orchestrator work items the Azure Storage provider runs at once (host.json <c>maxConcurrentOrchestratorFunctions</c>).</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 32;
}
