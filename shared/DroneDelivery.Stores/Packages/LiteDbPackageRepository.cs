using DroneDelivery.Contracts.Model;
using LiteDB;

namespace DroneDelivery.Stores.Packages;

/// <summary>Packages in an embedded LiteDB file: the local stand-in for MongoDB.</summary>
public sealed class LiteDbPackageRepository(ILiteCollection<PackageDocument> packages) : IPackageRepository
{
    private readonly Lock _writeLock = new();

    public Task<Package?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(packages.FindById(id)?.ToPackage());

    public Task<bool> CreateIfAbsentAsync(Package package, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            if (packages.FindById(package.Id) is not null)
            {
                return Task.FromResult(false);
            }

            packages.Insert(PackageDocument.From(package));
            return Task.FromResult(true);
        }
    }

    public Task<Package?> UpdateAsync(string id, PackagePatch patch, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            var document = packages.FindById(id);
            if (document is null)
            {
                return Task.FromResult<Package?>(null);
            }

            document.Apply(patch);
            packages.Update(document);
            return Task.FromResult<Package?>(document.ToPackage());
        }
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(packages.Delete(id));
}
