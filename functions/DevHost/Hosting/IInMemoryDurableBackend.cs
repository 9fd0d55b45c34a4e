using DurableTask.Core;
using DurableTask.Core.Query;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>The backend interfaces the Durable gRPC sidecar (<c>TaskHubGrpcServer</c>) uses: dispatch, client, query and purge.</summary>
public interface IDurableBackendService
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient;

/// <summary>The in-memory backend as the sidecar uses it.</summary>
public interface IInMemoryDurableBackend : IDurableBackendService;
