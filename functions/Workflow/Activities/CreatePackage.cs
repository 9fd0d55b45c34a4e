using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Creates the delivery's package in the package service (idempotent PUT).</summary>
public sealed class CreatePackage(IPackageServiceClient packages)
{
    [Function(nameof(CreatePackage))]
    public async Task<string> Run([ActivityTrigger] DeliveryRequest request, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(request.DeliveryId);
        var info = request.PackageInfo;
        await packages.CreateAsync(new Package(info.PackageId, info.Size, info.Weight, info.Tag, request.DeliveryId), cancellationToken);
        return info.PackageId;
    }
}
