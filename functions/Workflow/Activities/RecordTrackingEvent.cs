using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Appends an event to the delivery's tracking history (refused requests, compensation); idempotent by event id.</summary>
public sealed class RecordTrackingEvent(IDeliveryServiceClient deliveries)
{
    [Function(nameof(RecordTrackingEvent))]
    public Task Run([ActivityTrigger] TrackingEvent trackingEvent, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(trackingEvent.DeliveryId);
        return deliveries.AppendTrackingAsync(trackingEvent, cancellationToken);
    }
}
