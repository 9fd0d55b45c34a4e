using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Workflow.Activities;

/// <summary>
/// Asks the drone scheduler for a drone; asking again for the same delivery returns the same
/// drone. Null when no drone can fly it now: the orchestration waits and asks again. The drone's
/// position at assignment goes into the delivery's tracking as its first position, so status and
/// the live stream have an ETA (drone → pickup → drop-off) before the drone's first report. That
/// record is best effort: the first report brings a position anyway, so failing to write it does
/// not fail the assignment.
/// </summary>
public sealed class AssignDrone(IDroneSchedulerClient scheduler, IDeliveryServiceClient deliveries, TimeProvider clock, ILogger<AssignDrone> logger)
{
    [Function(nameof(AssignDrone))]
    public async Task<DroneAssignment?> Run([ActivityTrigger] DeliveryRequest request, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(request.DeliveryId);
        var assignment = await scheduler.AssignAsync(
            new DroneAssignmentRequest(
                request.DeliveryId, request.PickupLocation, request.DropOffLocation, request.PackageInfo.Size, request.PackageInfo.Weight, request.ConfirmationRequired),
            cancellationToken);
        if (assignment?.DronePosition is { } position)
        {
            await RecordStartAsync(assignment, position, cancellationToken);
        }

        return assignment;
    }

    private async Task RecordStartAsync(DroneAssignment assignment, Location position, CancellationToken cancellationToken)
    {
        try
        {
            await deliveries.AppendTrackingAsync(
                new TrackingEvent(
                    $"{assignment.DeliveryId}:assigned:{assignment.DroneId}",
                    assignment.DeliveryId,
                    TrackingKinds.Position,
                    Stage: null,
                    position,
                    $"drone {assignment.DroneId} assigned",
                    clock.GetUtcNow()),
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Delivery {DeliveryId}: the position of drone {DroneId} at assignment was not recorded; the ETA starts with its first report",
                assignment.DeliveryId, assignment.DroneId);
        }
    }
}
