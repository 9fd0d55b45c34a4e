using System.Security.Cryptography;
using System.Text;
using DroneDelivery.Ingestion.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Ingestion.Idempotency;

/// <summary>
/// The id a new delivery gets. With a valid <c>Idempotency-Key</c> it is derived from the caller
/// and the key, so every repeat gets the same id (the broker's duplicate detection and the
/// orchestration's instance id dedupe repeats even without the key store): HMAC-SHA256 under the
/// secret <see cref="IdempotencyOptions.DeliveryIdKey"/>, so knowing an owner id and guessing a
/// key (<c>order-1001</c>) does not give the id. Without a key the id is random. Both are 32 hex digits.
/// </summary>
public sealed class DeliveryIds
{
    /// <summary>The shortest secret accepted: 32 characters (the Key Vault secret is 64).</summary>
    public const int MinKeyLength = 32;

    public const string Setting = $"{IdempotencyOptions.Section}__{nameof(IdempotencyOptions.DeliveryIdKey)}";

    private readonly byte[] _key;

    public DeliveryIds(IOptions<IdempotencyOptions> options)
    {
        var key = options.Value.DeliveryIdKey;
        if (key is null || key.Trim().Length < MinKeyLength)
        {
            throw new InvalidOperationException(
                $"Set {Setting} to a secret of at least {MinKeyLength} characters: delivery ids are derived from Idempotency-Keys with it (HMAC-SHA256).");
        }

        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>A fresh random secret (48 bytes, base64url: 64 characters), for hosts that generate their own.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string For(HttpRequest request, string ownerId) =>
        IdempotencyKey.Read(request) is { } key && IdempotencyKey.IsValid(key) ? Derive(ownerId, key) : Guid.NewGuid().ToString("N");

    /// <summary>The id for <paramref name="ownerId"/>'s key <paramref name="key"/>: the first 128 bits of the MAC of both, length-prefixed.</summary>
    public string Derive(string ownerId, string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(IdempotencyScope.Of(ownerId, key))).AsSpan(0, 16));
}
