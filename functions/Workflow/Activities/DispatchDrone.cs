using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Sends the delivery's drone on its mission.</summary>
public sealed class DispatchDrone(IDroneSchedulerClient scheduler)
{
    [Function(nameof(DispatchDrone))]
    public Task Run([ActivityTrigger] string deliveryId, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(deliveryId);
        return scheduler.DispatchAsync(deliveryId, cancellationToken);
    }
}
