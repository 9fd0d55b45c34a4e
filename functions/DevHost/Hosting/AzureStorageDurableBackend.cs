using System.Reflection;
using System.Runtime.ExceptionServices;
using DurableTask.AzureStorage;
using DurableTask.Core;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The production Durable backend (<see cref="AzureStorageOrchestrationService"/>, the provider the Functions host
/// runs with host.json's <c>storageProvider.type</c> AzureStorage) as the local host's gRPC sidecar uses it. Every
/// call is forwarded except starts that bring no dedupe statuses, which get the configured ones
/// (<see cref="DurableStartPolicy"/>): the provider then throws <c>OrchestrationAlreadyExistsException</c>
/// (<see cref="AzureStorageOrchestrationServiceSettings.ThrowExceptionOnInvalidDedupeStatus"/>) where it would
/// otherwise drop the start without a word.
/// </summary>
public class AzureStorageDurableBackend : DispatchProxy, IDisposable
{
    private AzureStorageOrchestrationService _inner = null!;
    private OrchestrationStatus[] _dedupeStatuses = [];
    private int _disposed;

    /// <summary>The backend as the gRPC sidecar uses it.</summary>
    public IDurableBackendService Service => (IDurableBackendService)(object)this;

    /// <summary>The provider itself (for tests and shutdown).</summary>
    public AzureStorageOrchestrationService Inner => _inner;

    /// <param name="connectionString">A storage account connection string (Azurite's, or <c>AzureWebJobsStorage</c>).</param>
    /// <param name="options">Task hub, partitions and the provider's knobs.</param>
    /// <param name="loggerFactory">The provider's logs (category <c>DurableTask.AzureStorage</c>, <c>DurableTask.Core</c>).</param>
    public static AzureStorageDurableBackend Create(string connectionString, DurableBackendOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = options.HubName ?? throw new InvalidOperationException("Durable:HubName is not set (nor host.json's extensions.durableTask.hubName)."),
            PartitionCount = options.PartitionCount ?? 4,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            ThrowExceptionOnInvalidDedupeStatus = true,
            // host.json says blob leases, overriding the provider's default (tables). With the table partition manager a
            // host started again after a kill -9 (same worker id, the machine name) never took its partitions back (48 of
            // 50 orchestrations stood still for 2 min), and stopping a host could wait its full 10 min drain timeout.
            UseTablePartitionManagement = options.UseTablePartitionManagement ?? false,
            LoggerFactory = loggerFactory,
        };
        var backend = (AzureStorageDurableBackend)(object)Create<IDurableBackendService, AzureStorageDurableBackend>();
        backend._inner = new AzureStorageOrchestrationService(settings);
        backend._dedupeStatuses = DurableStartPolicy.DedupeStatuses(options.OverridableExistingInstanceStates);
        return backend;
    }

    public void Dispose()
    {
        // Registered both as itself and as IDurableBackendService (the same object): disposed twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _inner.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IOrchestrationServiceClient.CreateTaskOrchestrationAsync))
        {
            var startedBy = (TaskMessage)args![0]!;
            var dedupe = args.Length > 1 ? (OrchestrationStatus[]?)args[1] : null;
            return _inner.CreateTaskOrchestrationAsync(startedBy, dedupe ?? _dedupeStatuses);
        }

        try
        {
            // An interface method: the provider implements every interface of IDurableBackendService.
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }
}
