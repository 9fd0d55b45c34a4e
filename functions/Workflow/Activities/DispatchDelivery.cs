using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>
/// The saga's dispatch (version 2): writes the record with its drone at HeadedToPickup (the delivery service records
/// the stage and raises its webhook event), then sends the drone on its mission. Both idempotent: a retry repeats
/// both harmlessly. One work item where version 1 spent three (record the drone, dispatch, change the stage).
/// </summary>
public sealed class DispatchDelivery(IDeliveryServiceClient deliveries, IDroneSchedulerClient scheduler)
{
    [Function(nameof(DispatchDelivery))]
    public async Task Run([ActivityTrigger] DeliveryRecordInput input, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(input.Request.DeliveryId);
        await SaveDeliveryRecord.SaveAsync(deliveries, input, cancellationToken);
        await scheduler.DispatchAsync(input.Request.DeliveryId, cancellationToken);
    }
}
