using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Stores.Deliveries;

/// <summary>Delivery records, owned by the delivery service (Redis / Azure Cache for Redis).</summary>
public interface IDeliveryRepository
{
    Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces the record and appends <paramref name="stageChange"/> to its tracking
    /// events (unless an event with its id was recorded before), in one atomic step; returns true
    /// when the record was created. A replacement older than the stored record (an earlier stage, or
    /// the same stage without the drone it has) is ignored; the event is appended all the same.
    /// </summary>
    Task<bool> UpsertAsync(Delivery delivery, TrackingEvent stageChange, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a partial update atomically; returns the new record, or null if there is none. A patch
    /// to a stage that may not follow the stored one (<see cref="DeliveryStages.MayMoveTo"/>) changes
    /// nothing and returns the record as it is. <paramref name="stageChange"/> (given with a stage)
    /// is appended to the tracking events in the same step when the record is at the patch's stage
    /// afterwards (unless an event with its id was recorded before).
    /// </summary>
    Task<Delivery?> PatchAsync(string id, DeliveryPatch patch, TrackingEvent? stageChange, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
