using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

/// <summary>The package service's HTTP API, as the workflow uses it.</summary>
public interface IPackageServiceClient
{
    /// <summary>Creates the package, or does nothing if it exists (PUT is idempotent).</summary>
    Task CreateAsync(Package package, CancellationToken cancellationToken);

    /// <summary>Removes the package if it belongs to <paramref name="deliveryId"/>; removing one that is gone is fine (compensation).</summary>
    Task DeleteAsync(string packageId, string deliveryId, CancellationToken cancellationToken);
}
