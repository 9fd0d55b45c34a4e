using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Input of <see cref="ReleaseDrone"/>: the delivery and, when known, where its drone landed.</summary>
public sealed record ReleaseDroneInput(string DeliveryId, Location? Position);

/// <summary>Returns the delivery's drone to the pool (at the end of a delivery, or as compensation); idempotent.</summary>
public sealed class ReleaseDrone(IDroneSchedulerClient scheduler)
{
    [Function(nameof(ReleaseDrone))]
    public Task Run([ActivityTrigger] ReleaseDroneInput input, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(input.DeliveryId);
        return scheduler.ReleaseAsync(input.DeliveryId, input.Position, cancellationToken);
    }
}
