using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Appends an event to the delivery's tracking history (refused requests, compensation); idempotent by event id.</summary>
public sealed class RecordTrackingEvent(IDeliveryServiceClient deliveries)
{
    [Function(nameof(RecordTrackingEvent))]
    public Task Run([ActivityTrigger] TrackingEvent trackingEvent, CancellationToken cancellationToken) =>
        deliveries.AppendTrackingAsync(trackingEvent, cancellationToken);
}
