using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>Delivery records, owned by the delivery service (Redis / Azure Cache for Redis).</summary>
public interface IDeliveryRepository
{
    Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces the record and appends <paramref name="stageChange"/> to its tracking
    /// events (once per event id), in one step; returns whether it was created and the record as
    /// stored after the step. A replacement older than the stored record (an earlier stage, or the
    /// same stage without the drone it has) changes nothing: not the record, its tracking or the
    /// owner's lists.
    /// </summary>
    Task<DeliveryUpsert> UpsertAsync(Delivery delivery, TrackingEvent stageChange, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a partial update atomically, with <paramref name="stageChange"/> (when given) appended
    /// to the tracking events in the same step; returns the new record, or null if there is none. A
    /// patch to a stage that may not follow the stored one (<see cref="DeliveryStages.MayMoveTo"/>)
    /// changes nothing, its event included, and returns the record as it is.
    /// </summary>
    Task<Delivery?> PatchAsync(string id, DeliveryPatch patch, TrackingEvent? stageChange, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="top"/> of the owner's deliveries (only those at <paramref name="stage"/>,
    /// when given), newest first, from after <paramref name="after"/> (null: the newest).
    /// </summary>
    Task<DeliveryPage> ListByOwnerAsync(string ownerId, DeliveryStage? stage, int top, DeliveryCursor? after, CancellationToken cancellationToken);

    /// <summary>
    /// How many of the owner's deliveries were created from <paramref name="since"/> up to (not including)
    /// <paramref name="until"/>, in all (<see cref="DeliveryCounts.Requested"/>) and at each stage now, read together.
    /// </summary>
    Task<DeliveryCounts> CountByOwnerAsync(string ownerId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}

/// <summary>
/// What a record write did: <see cref="Created"/> when there was no record, and the record as the store holds it
/// afterwards (<see cref="Stored"/>: the one written, with the creation time of the first write, or the newer record
/// that an older write left as it was).
/// </summary>
public sealed record DeliveryUpsert(bool Created, Delivery Stored);

/// <summary>An owner's deliveries created in a period: all of them, and how many are at each stage.</summary>
public sealed record DeliveryCounts(long Requested, IReadOnlyDictionary<DeliveryStage, long> ByStage)
{
    public long At(DeliveryStage stage) => ByStage.GetValueOrDefault(stage);
}
