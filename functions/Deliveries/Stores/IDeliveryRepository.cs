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
    /// Up to <paramref name="top"/> of the deliveries <paramref name="search"/> matches, newest first, from after
    /// <paramref name="after"/> (null: the newest). A search by failure reason reads at most
    /// <see cref="DeliverySearch.MaxScanned"/> index entries: its page may be short, even empty, with a next cursor.
    /// </summary>
    Task<DeliveryPage> SearchAsync(DeliverySearch search, int top, DeliveryCursor? after, CancellationToken cancellationToken);

    /// <summary>
    /// How many of the owner's deliveries were created from <paramref name="since"/> up to (not including)
    /// <paramref name="until"/>, in all (<see cref="DeliveryCounts.Requested"/>) and at each stage now, read together.
    /// </summary>
    Task<DeliveryCounts> CountByOwnerAsync(string ownerId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// One step through every owner: the counts (<see cref="CountByOwnerAsync"/>) of the owners whose index a scan of
    /// about <paramref name="scanBatch"/> keys reaches from <paramref name="cursor"/> (null: the start), those with no
    /// delivery in the period left out; <see cref="OwnerCountsPage.Next"/> continues, null after the last step. An owner
    /// indexed through the whole walk is on some page, and may be on two (a scan's guarantee).
    /// </summary>
    Task<OwnerCountsPage> CountAllOwnersAsync(DateTimeOffset since, DateTimeOffset until, string? cursor, int scanBatch, CancellationToken cancellationToken);
}

/// <summary>One owner's counts, in a step through every owner.</summary>
public sealed record OwnerCounts(string OwnerId, DeliveryCounts Counts);

/// <summary>A step through every owner's counts; <see cref="Next"/> (null after the last) continues.</summary>
public sealed record OwnerCountsPage(IReadOnlyList<OwnerCounts> Owners, string? Next);

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

/// <summary>
/// Which deliveries a list holds: one owner's (<see cref="OwnerId"/>; null: every owner's), at one stage, created from
/// <see cref="From"/> (inclusive) up to <see cref="To"/> (exclusive), whose failure reason contains <see cref="Reason"/>
/// (ignoring case).
/// </summary>
public sealed record DeliverySearch(
    string? OwnerId,
    DeliveryStage? Stage = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Reason = null)
{
    /// <summary>The most index entries one page of a search by reason reads.</summary>
    public const int MaxScanned = 1000;

    /// <summary>Whether <paramref name="delivery"/> is one this search finds (a record read after its index entry may have moved on).</summary>
    public bool Matches(Delivery delivery) =>
        (OwnerId is null || delivery.OwnerId == OwnerId)
        && (Stage is null || delivery.Stage == Stage)
        && (Reason is null || (delivery.FailureReason?.Contains(Reason, StringComparison.OrdinalIgnoreCase) ?? false));
}
