using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>Ready when the Cosmos DB account answers.</summary>
public sealed class CosmosHealthCheck(CosmosClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.ReadAccountAsync();
            return HealthCheckResult.Healthy();
        }
        catch (CosmosException exception)
        {
            return HealthCheckResult.Unhealthy("Cosmos DB does not answer", exception);
        }
    }
}
