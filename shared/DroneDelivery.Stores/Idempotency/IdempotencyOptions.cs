namespace DroneDelivery.Stores.Idempotency;

/// <summary>Configuration section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a first answer is remembered (a client's retries must come within it).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);
}
