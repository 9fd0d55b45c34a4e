using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Deliveries.Tracking;

/// <summary>Where a delivery stands, from its record and the drone's newest position: what status and the stream answer.</summary>
public static class DeliveryProgress
{
    public static DeliveryStatus Status(Delivery delivery, TrackingEvent? lastPosition, double metresPerSecond, DateTimeOffset now)
    {
        var (eta, etaSeconds) = Eta(delivery, lastPosition, metresPerSecond, now);
        return new DeliveryStatus(delivery.Id, delivery.Stage, delivery.DroneId, lastPosition?.Position, lastPosition?.OccurredAt, eta, etaSeconds, delivery.FailureReason);
    }

    public static TrackingUpdate Update(Delivery delivery, TrackingEvent? lastPosition, double metresPerSecond, DateTimeOffset now)
    {
        var (eta, etaSeconds) = Eta(delivery, lastPosition, metresPerSecond, now);
        return new TrackingUpdate(
            delivery.Id, delivery.Stage, delivery.DroneId, delivery.Pickup, delivery.Dropoff,
            lastPosition?.Position, lastPosition?.OccurredAt, eta, etaSeconds, delivery.FailureReason);
    }

    private static (DateTimeOffset? Eta, double? Seconds) Eta(Delivery delivery, TrackingEvent? lastPosition, double metresPerSecond, DateTimeOffset now)
    {
        var eta = DeliveryEta.Estimate(delivery, lastPosition?.Position, lastPosition?.OccurredAt, metresPerSecond);
        return (eta, eta is null ? null : Math.Max(0, Math.Round((eta.Value - now).TotalSeconds, 1)));
    }
}
