using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>A delivery's tracking history and the drone's last reported position, kept in Redis.</summary>
public interface ITrackingRepository
{
    /// <summary>Appends the event unless one with its id was recorded before; returns whether it was appended.</summary>
    Task<bool> AppendAsync(TrackingEvent trackingEvent, CancellationToken cancellationToken);

    Task<IReadOnlyList<TrackingEvent>> ListAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>The events from position <paramref name="start"/> (0 = the oldest kept) to the newest, and the position after them.</summary>
    Task<TrackingPage> ListFromAsync(string deliveryId, long start, CancellationToken cancellationToken);

    /// <summary>The newest position event, or null before the drone has reported.</summary>
    Task<TrackingEvent?> GetLastPositionAsync(string deliveryId, CancellationToken cancellationToken);
}

/// <summary>
/// Tracking events read from a position of the delivery's list, and the position to read from
/// next (entries that cannot be read are skipped, but still counted).
/// </summary>
public sealed record TrackingPage(IReadOnlyList<TrackingEvent> Events, long Next);
