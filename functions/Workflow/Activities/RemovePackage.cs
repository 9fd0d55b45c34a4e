using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Input of <see cref="RemovePackage"/>: the package, and the delivery it must belong to.</summary>
public sealed record PackageRemoval(string PackageId, string DeliveryId);

/// <summary>Compensation: removes the delivery's package — only if it is this delivery's; idempotent.</summary>
public sealed class RemovePackage(IPackageServiceClient packages)
{
    [Function(nameof(RemovePackage))]
    public Task Run([ActivityTrigger] PackageRemoval input, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(input.DeliveryId);
        return packages.DeleteAsync(input.PackageId, input.DeliveryId, cancellationToken);
    }
}
