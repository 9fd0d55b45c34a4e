using Microsoft.DurableTask.Client;

namespace DroneDelivery.DevHost.Functions;

/// <summary><c>GET /local/orchestrations/{id}</c>: a delivery orchestration's status, output and failure, for people and tests.</summary>
public static class OrchestrationEndpoints
{
    public static IEndpointRouteBuilder MapLocalOrchestrations(this IEndpointRouteBuilder endpoints)
    {
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
