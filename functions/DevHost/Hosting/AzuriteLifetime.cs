namespace DroneDelivery.DevHost.Hosting;

/// <summary>Stops the Azurite the local host started, once everything registered after it has stopped (or when the host is disposed unstarted).</summary>
public sealed class AzuriteLifetime(Azurite azurite) : IHostedService, IDisposable
{
    private int _stopped;

    public Azurite Azurite => azurite;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            azurite.Dispose();
        }
    }
}
