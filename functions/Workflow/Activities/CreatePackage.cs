using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Workflow.Activities;

/// <summary>
/// Creates the delivery's package in the package service (idempotent PUT) under the id the
/// delivery gives it (<see cref="Package.IdFor"/>), so no other delivery's package id can clash with it.
/// </summary>
public sealed class CreatePackage(IPackageServiceClient packages)
{
    [Function(nameof(CreatePackage))]
    public async Task<string> Run([ActivityTrigger] DeliveryRequest request, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(request.DeliveryId);
        var info = request.PackageInfo;
        var id = Package.IdFor(request.DeliveryId);
        await packages.CreateAsync(new Package(id, info.Size, info.Weight, info.Tag, request.DeliveryId), cancellationToken);
        return id;
    }
}
