namespace DroneDelivery.Ingestion.Stores;

/// <summary>Remembers first answers by idempotency key for a limited time (<see cref="IdempotencyOptions.Ttl"/>).</summary>
public interface IIdempotencyStore
{
    Task<StoredAnswer?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores the answer unless the key already has one; returns the one already there, or null when this one was stored.</summary>
    Task<StoredAnswer?> AddAsync(string key, StoredAnswer answer, CancellationToken cancellationToken);
}
