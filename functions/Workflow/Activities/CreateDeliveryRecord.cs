using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Writes the delivery record to the delivery service (idempotent PUT).</summary>
public sealed class CreateDeliveryRecord(IDeliveryServiceClient deliveries)
{
    [Function(nameof(CreateDeliveryRecord))]
    public Task Run([ActivityTrigger] DeliveryRecordInput input, CancellationToken cancellationToken)
    {
        var request = input.Request;
        return deliveries.UpsertAsync(
            new Delivery(
                request.DeliveryId,
                request.OwnerId,
                request.PickupLocation,
                request.DropOffLocation,
                request.PickupTime,
                request.Deadline,
                request.Expedited,
                request.ConfirmationRequired,
                request.PackageInfo.PackageId,
                input.DroneId,
                DeliveryStage.Created),
            cancellationToken);
    }
}
