using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Contracts.Geo;

/// <summary>Estimated arrival at the drop-off: the legs still to fly from the drone's last position, at flight speed.</summary>
public static class DeliveryEta
{
    public static DateTimeOffset? Estimate(Delivery delivery, Location? position, DateTimeOffset? reportedAt, double metresPerSecond)
    {
        if (position is null || reportedAt is null || metresPerSecond <= 0)
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
        return remaining is null ? null : reportedAt.Value.AddSeconds(remaining.Value / metresPerSecond);
    }
}
