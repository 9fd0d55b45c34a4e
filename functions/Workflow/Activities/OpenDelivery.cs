using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>
/// The saga's first step (version 2): registers the delivery's package (<see cref="CreatePackage"/>) and writes its
/// record as Created, without a drone (<see cref="SaveDeliveryRecord"/>), at once — both idempotent PUTs, so a retry
/// repeats both harmlessly. One work item where version 1 spent two, one after the other.
/// </summary>
public sealed class OpenDelivery(IPackageServiceClient packages, IDeliveryServiceClient deliveries)
{
    [Function(nameof(OpenDelivery))]
    public Task Run([ActivityTrigger] DeliveryRequest request, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(request.DeliveryId);
        return Task.WhenAll(
            CreatePackage.CreateAsync(packages, request, cancellationToken),
            SaveDeliveryRecord.SaveAsync(deliveries, new DeliveryRecordInput(request, DroneId: null, DeliveryStage.Created), cancellationToken));
    }
}
