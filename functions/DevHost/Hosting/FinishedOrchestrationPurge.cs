using Microsoft.Extensions.Options;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// Every <see cref="DurableBackendOptions.PurgeInterval"/>, removes from the in-memory Durable backend
/// the orchestrations that ended more than <see cref="DurableBackendOptions.PurgeFinishedAfter"/> ago:
/// what a deployment's scheduled task hub purge does, and what keeps a long-running local host from
/// holding every delivery's history. The delivery's record and tracking stay in their stores.
/// </summary>
public sealed class FinishedOrchestrationPurge(
    InMemoryDurableBackend backend,
    IOptions<DurableBackendOptions> options,
    TimeProvider clock,
    ILogger<FinishedOrchestrationPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var purged = await backend.PurgeFinishedAsync(clock.GetUtcNow().UtcDateTime - options.Value.PurgeFinishedAfter, stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} orchestrations that ended more than {Retention} ago", purged, options.Value.PurgeFinishedAfter);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
