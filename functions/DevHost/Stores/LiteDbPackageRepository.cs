using DroneDelivery.Contracts.Model;
using DroneDelivery.Packages.Stores;
using LiteDB;

namespace DroneDelivery.DevHost.Stores;

/// <summary>Packages in an embedded LiteDB file: the local stand-in for MongoDB.</summary>
public sealed class LiteDbPackageRepository : IPackageRepository
{
    private readonly ILiteCollection<PackageDocument> _packages;
    private readonly Lock _writeLock;

    public LiteDbPackageRepository(EmbeddedDatabase database)
    {
        _packages = database.Collection<PackageDocument>("packages");
        _writeLock = database.Writes;

        // Builds the entity mapping now, while the repository is created on one thread.
        _packages.EnsureIndex(p => p.DeliveryId);
    }

    public Task<Package?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_packages.FindById(id)?.ToPackage());

    public Task<bool> CreateIfAbsentAsync(Package package, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            if (_packages.FindById(package.Id) is not null)
            {
                return Task.FromResult(false);
            }

            _packages.Insert(PackageDocument.From(package));
            return Task.FromResult(true);
        }
    }

    public Task<Package?> UpdateAsync(string id, PackagePatch patch, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            var document = _packages.FindById(id);
            if (document is null)
            {
                return Task.FromResult<Package?>(null);
            }

            document.Apply(patch);
            _packages.Update(document);
            return Task.FromResult<Package?>(document.ToPackage());
        }
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            return Task.FromResult(_packages.Delete(id));
        }
    }
}
