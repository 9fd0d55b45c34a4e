using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Packages.Stores;

/// <summary>Packages, owned by the package service (MongoDB API).</summary>
public interface IPackageRepository
{
    Task<Package?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Inserts the package unless one with its id exists; returns true when it was inserted.</summary>
    Task<bool> CreateIfAbsentAsync(Package package, CancellationToken cancellationToken);

    /// <summary>Applies a partial update; returns the new package, or null if there is none.</summary>
    Task<Package?> UpdateAsync(string id, PackagePatch patch, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
