using DroneDelivery.DevHost.Hosting;
using Microsoft.DurableTask.Client;

namespace DroneDelivery.DevHost.Functions;

/// <summary>
/// <c>GET /local/orchestrations/{id}</c>: a delivery orchestration's status, output and failure;
/// <c>GET /local/orchestrations</c>: what the Durable backend holds (instances by status,
/// pending timers) and the work items it has completed — for people, tests and the bench.
/// </summary>
public static class OrchestrationEndpoints
{
    public static IEndpointRouteBuilder MapLocalOrchestrations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/local/orchestrations", async (IDurableBackendService backend, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var instances = await DurableInstances.CountAsync(backend, cancellationToken);
            return Results.Ok(new
            {
                Instances = instances.ToDictionary(count => count.Key.ToString(), count => count.Value),
                // Timers the in-memory backend keeps itself (Azure Storage keeps them as queue messages).
                services.GetService<InMemoryDurableBackend>()?.PendingTimers,
                // Orchestrator and activity work items completed since start (the in-memory backend counts them).
                WorkItems = services.GetService<InMemoryDurableBackend>()?.WorkItemsCompleted,
            });
        });
        endpoints.MapGet("/local/orchestrations/{id}", async (string id, DurableTaskClient durable, CancellationToken cancellationToken) =>
        {
            var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
            return instance is null
                ? Results.NotFound()
                : Results.Ok(new
                {
                    instance.InstanceId,
                    instance.Name,
                    Status = instance.RuntimeStatus.ToString(),
                    instance.CreatedAt,
                    instance.LastUpdatedAt,
                    Output = instance.SerializedOutput,
                    Failure = instance.FailureDetails?.ToString(),
                });
        });
        return endpoints;
    }
}
