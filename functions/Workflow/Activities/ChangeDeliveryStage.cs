using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Input of <see cref="ChangeDeliveryStage"/>: the delivery and its patch (the patch's change id makes a retry harmless).</summary>
public sealed record StageChange(string DeliveryId, DeliveryPatch Patch);

/// <summary>Moves the delivery record to a new stage (and schedule); the delivery service records the change as a tracking event.</summary>
public sealed class ChangeDeliveryStage(IDeliveryServiceClient deliveries)
{
    [Function(nameof(ChangeDeliveryStage))]
    public Task Run([ActivityTrigger] StageChange input, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(input.DeliveryId);
        return deliveries.PatchAsync(input.DeliveryId, input.Patch, cancellationToken);
    }
}
