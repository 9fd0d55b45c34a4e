using DroneDelivery.Contracts.Model;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>The fleet, owned by the drone scheduler (Cosmos DB SQL API). Writes are conditional on the version read.</summary>
public interface IDroneRepository
{
    Task<int> CountAsync(CancellationToken cancellationToken);

    Task AddAsync(IEnumerable<Drone> drones, CancellationToken cancellationToken);

    Task<int> CountAvailableAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The available drones within <paramref name="metres"/> of <paramref name="point"/>, nearest
    /// first, read as they are enumerated: a caller that stops early reads only the drones near the
    /// point, however large the fleet (the Cosmos DB store orders ring by ring, see
    /// <see cref="CosmosDroneRepository"/>).
    /// </summary>
    IAsyncEnumerable<VersionedDrone> GetAvailableNearAsync(Location point, double metres, CancellationToken cancellationToken);

    /// <summary>The whole fleet, or the drones in one state.</summary>
    Task<IReadOnlyList<Drone>> ListAsync(DroneState? state, CancellationToken cancellationToken);

    /// <summary>One drone and its version (for a conditional write), or null when the fleet has no drone with that id.</summary>
    Task<VersionedDrone?> GetAsync(string droneId, CancellationToken cancellationToken);

    /// <summary>The drone that holds the delivery, or null (point reads: no query).</summary>
    Task<VersionedDrone?> FindByDeliveryAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Replaces the drone if it still has <paramref name="version"/>; false when someone else changed it first.</summary>
    Task<bool> TryReplaceAsync(Drone drone, string version, CancellationToken cancellationToken);
}
