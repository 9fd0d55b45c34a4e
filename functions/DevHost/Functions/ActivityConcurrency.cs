namespace DroneDelivery.DevHost.Functions;

/// <summary>
/// How many activity functions the local host runs at once — what the Functions host enforces with
/// <c>extensions.durableTask.maxConcurrentActivityFunctions</c> (host.json). The in-memory backend
/// hands out activity work items without a useful limit of its own, so without this a burst ran
/// thousands of activities at once and their service clients' concurrency limiters rejected calls
/// that a deployment, 32 activities at a time, never makes.
/// </summary>
public sealed class ActivityConcurrency(int limit) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(limit, limit);

    /// <summary>Runs <paramref name="activity"/> once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> activity)
    {
        await _slots.WaitAsync();
        try
        {
            return await activity();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
