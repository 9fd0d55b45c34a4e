namespace DroneDelivery.Ingestion.Stores;

/// <summary>Configuration section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a first answer is remembered (a client's retries must come within it).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The secret delivery ids are derived from Idempotency-Keys with (HMAC-SHA256, ingestion only):
    /// in production the Key Vault secret <c>ingestion-delivery-id-key</c>; generated at start-up by the
    /// local host. Ingestion does not start without it outside Development.
    /// </summary>
    public string? DeliveryIdKey { get; set; }
}
