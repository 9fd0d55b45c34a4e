using System.Collections.Concurrent;
using DroneDelivery.Contracts.Model;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Workflow.Security;

/// <summary>
/// Credentials the drone scheduler verified, remembered for <see cref="DroneReportOptions.VerificationCacheDuration"/>
/// so a drone reporting every few seconds costs one verification per period, not one per report.
/// Keyed by the drone id and the SHA-256 of the presented secret (the secret itself is not kept): another
/// or altered secret is another key and is verified in full. Only verified answers are kept — a refused
/// secret is asked about again, so a credential issued a moment ago works at once. At most
/// <see cref="Capacity"/> entries: when full, expired ones go, then all.
/// </summary>
public sealed class DroneVerificationCache(TimeProvider clock, IOptions<DroneReportOptions> options)
{
    public const int Capacity = 16_384;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public DroneVerification? Find(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (clock.GetUtcNow() < entry.Until)
        {
            return entry.Verification;
        }

        _entries.TryRemove(KeyValuePair.Create(key, entry));
        return null;
    }

    public void Add(string key, DroneVerification verification)
    {
        var duration = options.Value.VerificationCacheDuration;
        if (!verification.Verified || duration <= TimeSpan.Zero)
        {
            _entries.TryRemove(key, out _);
            return;
        }

        var now = clock.GetUtcNow();
        if (_entries.Count >= Capacity)
        {
            MakeRoom(now);
        }

        _entries[key] = new Entry(verification, now + duration);
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }

        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(DroneVerification Verification, DateTimeOffset Until);
}
