using DroneDelivery.Platform.Caching;

namespace DroneDelivery.Platform.Security;

/// <summary>
/// The callers of bearer tokens that passed full validation, keyed by the raw token, so a client's
/// repeated requests skip the signature check. An entry is served only before its token's expiry
/// (and at most <see cref="MaxAge"/> after it was validated, so a key the issuer withdraws stops
/// admitting its tokens within that time); a different or altered token is a different key and is
/// validated in full. At most <see cref="Capacity"/> entries: when full, expired ones are dropped,
/// and if that frees nothing, all of them.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider clock)
{
    public const int Capacity = 4096;

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly ExpiringCache<Caller> _entries = new(clock, Capacity);

    /// <summary>How many tokens are held (for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    /// <summary>The caller of <paramref name="token"/> if it was validated and has not expired since; otherwise null.</summary>
    public Caller? Find(string token) => _entries.Find(token);

    /// <summary>Remembers a token that was just validated, until <paramref name="expires"/> (its <c>exp</c>) or <see cref="MaxAge"/>, whichever is first.</summary>
    public void Add(string token, Caller caller, DateTimeOffset expires)
    {
        var latest = clock.GetUtcNow() + MaxAge;
        _entries.Add(token, caller, expires < latest ? expires : latest);
    }
}
