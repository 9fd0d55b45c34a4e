using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>The activity source and meter every app reports domain telemetry through.</summary>
public static class DroneDeliveryTelemetry
{
    public const string Name = "DroneDelivery";
    public const string DeliveryIdTag = "delivery.id";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> DeliveriesRequested =
        Meter.CreateCounter<long>("dronedelivery.deliveries.requested", description: "Delivery requests accepted by ingestion");

    public static readonly Counter<long> RequestsRejected =
        Meter.CreateCounter<long>("dronedelivery.requests.rejected", description: "Requests rejected as invalid");
}
