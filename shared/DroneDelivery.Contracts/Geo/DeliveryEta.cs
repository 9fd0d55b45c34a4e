using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Contracts.Geo;

/// <summary>Estimated arrival at the drop-off: the legs still to fly from the drone's last position, at flight speed.</summary>
public static class DeliveryEta
{
    /// <summary>
    /// The estimate, or null when there is none — including when the stored report cannot give one
    /// (a time or a position out of any range a report may have: an arrival past the end of the
    /// calendar is no arrival). Reads must never fail on what is stored.
    /// </summary>
    public static DateTimeOffset? Estimate(Delivery delivery, Location? position, DateTimeOffset? reportedAt, double metresPerSecond)
    {
        if (position is null || reportedAt is null || !(metresPerSecond > 0))
        {
            return null;
        }

        double? remaining = delivery.Stage switch
        {
            DeliveryStage.Created or DeliveryStage.Rescheduled or DeliveryStage.HeadedToPickup =>
                GeoMath.DistanceMetres(position, delivery.Pickup) + GeoMath.DistanceMetres(delivery.Pickup, delivery.Dropoff),
            DeliveryStage.HeadedToDropoff => GeoMath.DistanceMetres(position, delivery.Dropoff),
            _ => null,
        };
        if (remaining is null)
        {
            return null;
        }

        var seconds = remaining.Value / metresPerSecond;
        var room = (DateTimeOffset.MaxValue - reportedAt.Value).TotalSeconds;
        return double.IsFinite(seconds) && seconds >= 0 && seconds < room ? reportedAt.Value.AddSeconds(seconds) : null;
    }
}
