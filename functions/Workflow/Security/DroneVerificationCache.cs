using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Caching;
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

    private readonly ExpiringCache<DroneVerification> _entries = new(clock, Capacity);

    public int Count => _entries.Count;

    public DroneVerification? Find(string key) => _entries.Find(key);

    public void Add(string key, DroneVerification verification)
    {
        if (verification.Verified)
        {
            _entries.Add(key, verification, clock.GetUtcNow() + options.Value.VerificationCacheDuration);
        }
        else
        {
            _entries.Remove(key);
        }
    }
}
