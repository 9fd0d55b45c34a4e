using System.Collections.Concurrent;

namespace DroneDelivery.Platform.Caching;

/// <summary>
/// Values kept until a time of their own, for caches on a request's hot path (validated tokens,
/// verified drone credentials). An entry is served only before its time; at most
/// <paramref name="capacity"/> entries: when full, expired ones are dropped, and if that frees
/// nothing, all of them (a burst of new keys cannot grow the process).
/// </summary>
public sealed class ExpiringCache<TValue>(TimeProvider clock, int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>The value of <paramref name="key"/> while it has not expired; otherwise null (and the expired entry goes).</summary>
    public TValue? Find(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return default;
        }

        if (clock.GetUtcNow() < entry.Until)
        {
            return entry.Value;
        }

        _entries.TryRemove(KeyValuePair.Create(key, entry));
        return default;
    }

    /// <summary>Keeps <paramref name="value"/> until <paramref name="until"/>; a time already past removes the key instead.</summary>
    public void Add(string key, TValue value, DateTimeOffset until)
    {
        var now = clock.GetUtcNow();
        if (until <= now)
        {
            _entries.TryRemove(key, out _);
            return;
        }

        if (_entries.Count >= capacity)
        {
            MakeRoom(now);
        }

        _entries[key] = new Entry(value, until);
    }

    public void Remove(string key) => _entries.TryRemove(key, out _);

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(TValue Value, DateTimeOffset Until);
}
