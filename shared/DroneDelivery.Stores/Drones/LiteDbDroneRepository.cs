using System.Globalization;
using DroneDelivery.Contracts.Model;
using LiteDB;

namespace DroneDelivery.Stores.Drones;

/// <summary>
/// The fleet in an embedded LiteDB file: the local stand-in for Cosmos DB. Conditional replace
/// compares a version counter under a lock, which gives the same guarantee as an ETag match.
/// </summary>
public sealed class LiteDbDroneRepository : IDroneRepository
{
    private readonly ILiteCollection<DroneDocument> _drones;
    private readonly Lock _writeLock = new();

    public LiteDbDroneRepository(ILiteCollection<DroneDocument> drones)
    {
        _drones = drones;
        _drones.EnsureIndex(d => d.State);
        _drones.EnsureIndex(d => d.DeliveryId);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_drones.Count());

    public Task AddAsync(IEnumerable<Drone> drones, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            _drones.Upsert(drones.Select(DroneDocument.From));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VersionedDrone>> GetAvailableAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<VersionedDrone>>(_drones.Find(d => d.State == DroneState.Available).Select(ToVersioned).ToList());

    public Task<IReadOnlyList<Drone>> ListAsync(DroneState? state, CancellationToken cancellationToken)
    {
        IEnumerable<DroneDocument> documents;
        if (state is { } wanted)
        {
            documents = _drones.Find(d => d.State == wanted);
        }
        else
        {
            documents = _drones.FindAll();
        }

        return Task.FromResult<IReadOnlyList<Drone>>(documents.Select(d => d.ToDrone()).ToList());
    }

    public Task<VersionedDrone?> FindByDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var document = _drones.FindOne(d => d.DeliveryId == deliveryId);
        return Task.FromResult(document is null ? null : ToVersioned(document));
    }

    public Task<bool> TryReplaceAsync(Drone drone, string version, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            var current = _drones.FindById(drone.Id);
            if (current is null || current.Version.ToString(CultureInfo.InvariantCulture) != version)
            {
                return Task.FromResult(false);
            }

            var replacement = DroneDocument.From(drone);
            replacement.Version = current.Version + 1;
            return Task.FromResult(_drones.Update(replacement));
        }
    }

    private static VersionedDrone ToVersioned(DroneDocument document) =>
        new(document.ToDrone(), document.Version.ToString(CultureInfo.InvariantCulture));
}
