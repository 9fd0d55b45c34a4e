using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Stores.Drones;

/// <summary>The fleet, owned by the drone scheduler (Cosmos DB SQL API). Writes are conditional on the version read.</summary>
public interface IDroneRepository
{
    Task<int> CountAsync(CancellationToken cancellationToken);

    Task AddAsync(IEnumerable<Drone> drones, CancellationToken cancellationToken);

    Task<IReadOnlyList<VersionedDrone>> GetAvailableAsync(CancellationToken cancellationToken);

    /// <summary>The whole fleet, or the drones in one state.</summary>
    Task<IReadOnlyList<Drone>> ListAsync(DroneState? state, CancellationToken cancellationToken);

    /// <summary>One drone, or null when the fleet has no drone with that id.</summary>
    Task<Drone?> GetAsync(string droneId, CancellationToken cancellationToken);

    Task<VersionedDrone?> FindByDeliveryAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Replaces the drone if it still has <paramref name="version"/>; false when someone else changed it first.</summary>
    Task<bool> TryReplaceAsync(Drone drone, string version, CancellationToken cancellationToken);
}
