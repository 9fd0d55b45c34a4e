using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>
/// Asks the drone scheduler for a drone; asking again for the same delivery returns the same
/// drone. Null when no drone can fly it now: the orchestration waits and asks again.
/// </summary>
public sealed class AssignDrone(IDroneSchedulerClient scheduler)
{
    [Function(nameof(AssignDrone))]
    public Task<DroneAssignment?> Run([ActivityTrigger] DeliveryRequest request, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(request.DeliveryId);
        return scheduler.AssignAsync(
            new DroneAssignmentRequest(request.DeliveryId, request.PickupLocation, request.DropOffLocation, request.PackageInfo.Size, request.PackageInfo.Weight),
            cancellationToken);
    }
}
