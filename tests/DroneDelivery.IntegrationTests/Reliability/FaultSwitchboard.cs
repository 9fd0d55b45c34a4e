using System.Collections.Concurrent;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// What the fault-injection host injects: a share of transient failures on every call between
/// services, and outages of whole stores that a test switches on and off.
/// </summary>
public sealed class FaultSwitchboard(double transientRate)
{
    private readonly ConcurrentDictionary<string, bool> _down = new();
    private readonly ConcurrentDictionary<string, long> _refused = new();
    private long _calls;
    private long _injected;

    public double TransientRate { get; } = transientRate;

    public long Calls => Interlocked.Read(ref _calls);

    public long TransientFaultsInjected => Interlocked.Read(ref _injected);

    public IReadOnlyDictionary<string, long> StoreCallsRefused => _refused;

    /// <summary>Whether this call between services fails (counted).</summary>
    public bool NextCallFails()
    {
        Interlocked.Increment(ref _calls);
        if (Random.Shared.NextDouble() >= TransientRate)
        {
            return false;
        }

        Interlocked.Increment(ref _injected);
        return true;
    }

    public bool IsDown(string store)
    {
        if (!_down.GetValueOrDefault(store))
        {
            return false;
        }

        _refused.AddOrUpdate(store, 1, (_, count) => count + 1);
        return true;
    }

    /// <summary>Takes the store down for <paramref name="duration"/>.</summary>
    public async Task OutageAsync(string store, TimeSpan duration, CancellationToken cancellationToken)
    {
        _down[store] = true;
        try
        {
            await Task.Delay(duration, cancellationToken);
        }
        finally
        {
            _down[store] = false;
        }
    }
}
