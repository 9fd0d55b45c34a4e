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

    /// <summary>Deliveries that reached an end, tagged <c>stage</c> = Completed, Failed or Cancelled.</summary>
    public static readonly Counter<long> DeliveriesEnded =
        Meter.CreateCounter<long>("dronedelivery.deliveries.ended", description: "Deliveries that ended, by final stage");

    /// <summary>Sagas compensated, tagged <c>cause</c> = step-failed, deadline, cancelled or no-drone.</summary>
    public static readonly Counter<long> Compensations =
        Meter.CreateCounter<long>("dronedelivery.compensations", description: "Deliveries compensated, by cause");

    /// <summary>Messages that will not be delivered again, tagged <c>queue</c>.</summary>
    public static readonly Counter<long> MessagesDeadLettered =
        Meter.CreateCounter<long>("dronedelivery.messages.deadlettered", description: "Messages dead-lettered, by queue");
}
