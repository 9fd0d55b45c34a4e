using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Writes the whole delivery record to the delivery service (idempotent PUT): at creation, or as Failed/Cancelled when it never got one.</summary>
public sealed class SaveDeliveryRecord(IDeliveryServiceClient deliveries)
{
    [Function(nameof(SaveDeliveryRecord))]
    public Task Run([ActivityTrigger] DeliveryRecordInput input, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(input.Request.DeliveryId);
        return SaveAsync(deliveries, input, cancellationToken);
    }

    /// <summary>The delivery service call (also made by <see cref="OpenDelivery"/> and <see cref="DispatchDelivery"/>).</summary>
    internal static Task SaveAsync(IDeliveryServiceClient deliveries, DeliveryRecordInput input, CancellationToken cancellationToken)
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
                input.Stage,
                input.Reason),
            cancellationToken);
    }
}
