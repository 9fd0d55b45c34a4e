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
        await CreateAsync(packages, request, cancellationToken);
        return Package.IdFor(request.DeliveryId);
    }

    /// <summary>The package service call (also made by <see cref="OpenDelivery"/>).</summary>
    internal static Task CreateAsync(IPackageServiceClient packages, DeliveryRequest request, CancellationToken cancellationToken)
    {
        var info = request.PackageInfo;
        return packages.CreateAsync(new Package(Package.IdFor(request.DeliveryId), info.Size, info.Weight, info.Tag, request.DeliveryId), cancellationToken);
    }
}
