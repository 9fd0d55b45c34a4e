namespace DroneDelivery.Contracts.Model;

/// <summary>
/// One delivery in a list (<c>GET /api/deliveries</c>): whose it is, where it stands (with the drone carrying it and,
/// when it failed or was cancelled, why), when it was created, its deadline and places; nothing else.
/// </summary>
public sealed record DeliverySummary(
    string Id,
    string OwnerId,
    DeliveryStage Stage,
    DateTimeOffset? CreatedAt,
    DateTimeOffset Deadline,
    Location Pickup,
    Location Dropoff,
    string? DroneId,
    string? FailureReason)
{
    public static DeliverySummary Of(Delivery delivery) =>
        new(delivery.Id, delivery.OwnerId, delivery.Stage, delivery.CreatedAt, delivery.Deadline, delivery.Pickup, delivery.Dropoff,
            delivery.DroneId, delivery.FailureReason);
}

/// <summary>A page of deliveries, newest first; <see cref="ContinuationToken"/> (absent on the last page) asks for the next.</summary>
public sealed record DeliveryList(IReadOnlyList<DeliverySummary> Items, string? ContinuationToken);

/// <summary>
/// The answer of <c>GET /api/usage?ownerId=&amp;year=&amp;month=</c> (admins): the owner's deliveries requested in the
/// month (by the record's creation time, UTC, from <see cref="From"/> up to <see cref="To"/>), and where each is now,
/// counted in one read of the owner's indexes: the stages add up to <see cref="Requested"/>. <see cref="DroneMinutes"/>:
/// the drone time those deliveries took so far, from dispatch to their final stage (the ones still flying not yet counted).
/// </summary>
public sealed record OwnerUsage(
    string OwnerId,
    int Year,
    int Month,
    DateTimeOffset From,
    DateTimeOffset To,
    long Requested,
    long Created,
    long Rescheduled,
    long HeadedToPickup,
    long HeadedToDropoff,
    long Completed,
    long Cancelled,
    long Failed,
    double DroneMinutes);

/// <summary>
/// The answer of <c>GET /api/usage?year=&amp;month=</c> without an owner (admins): a page of every owner's
/// <see cref="OwnerUsage"/> for the month (owners with no delivery in it left out; a page may hold none);
/// <see cref="ContinuationToken"/> (absent after the last page) asks for the next.
/// </summary>
public sealed record UsageReport(int Year, int Month, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<OwnerUsage> Owners, string? ContinuationToken);
