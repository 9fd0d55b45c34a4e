using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Input of <see cref="CompleteDelivery"/>: the Completed change (with its proof of delivery) and where the drone landed.</summary>
public sealed record DeliveryCompletion(StageChange Change, Location Position);

/// <summary>
/// The saga's last step (version 2): records the delivery Completed, then returns its drone to the pool where it
/// landed. Both idempotent. One work item where version 1 spent two.
/// </summary>
public sealed class CompleteDelivery(IDeliveryServiceClient deliveries, IDroneSchedulerClient scheduler)
{
    [Function(nameof(CompleteDelivery))]
    public async Task Run([ActivityTrigger] DeliveryCompletion completion, CancellationToken cancellationToken)
    {
        var deliveryId = completion.Change.DeliveryId;
        DeliveryContext.Enter(deliveryId);
        await deliveries.PatchAsync(deliveryId, completion.Change.Patch, cancellationToken);
        await scheduler.ReleaseAsync(deliveryId, completion.Position, cancellationToken);
    }
}
