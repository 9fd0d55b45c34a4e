using System.Collections.Concurrent;
using System.Globalization;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// Every drone write the drone store accepted, in each drone's version order: from it, whether a
/// drone ever passed from one delivery to another without being released in between, and whether
/// a delivery ever held more than one drone.
/// </summary>
public sealed class DroneAssignmentLedger
{
    private readonly ConcurrentBag<(string DroneId, long Version, string? DeliveryId)> _writes = [];

    public int Writes => _writes.Count;

    public IDroneRepository Watch(IDroneRepository drones) => new Recording(drones, this);

    /// <summary>Drones that went from one delivery straight to another (carried two at once).</summary>
    public IReadOnlyList<string> DronesWithTwoDeliveries() =>
        [.. _writes.GroupBy(write => write.DroneId)
            .Where(drone => drone.OrderBy(write => write.Version)
                .Select(write => write.DeliveryId)
                .Zip(drone.OrderBy(write => write.Version).Select(write => write.DeliveryId).Skip(1))
                .Any(pair => pair.First is not null && pair.Second is not null && pair.First != pair.Second))
            .Select(drone => drone.Key)];

    /// <summary>The deliveries the drone was given, in the order it was given them.</summary>
    public IReadOnlyList<string> DeliveriesOf(string droneId) =>
        [.. _writes.Where(write => write.DroneId == droneId && write.DeliveryId is not null)
            .OrderBy(write => write.Version)
            .Select(write => write.DeliveryId!)
            .Distinct()];

    /// <summary>Deliveries that were given more than one drone.</summary>
    public IReadOnlyList<string> DeliveriesWithTwoDrones() =>
        [.. _writes.Where(write => write.DeliveryId is not null)
            .GroupBy(write => write.DeliveryId!)
            .Where(delivery => delivery.Select(write => write.DroneId).Distinct().Count() > 1)
            .Select(delivery => delivery.Key)];

    private void Record(Drone drone, string version) =>
        _writes.Add((drone.Id, long.Parse(version, CultureInfo.InvariantCulture), drone.DeliveryId));

    private sealed class Recording(IDroneRepository inner, DroneAssignmentLedger ledger) : IDroneRepository
    {
        public Task<int> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

        public Task AddAsync(IEnumerable<Drone> drones, CancellationToken cancellationToken) => inner.AddAsync(drones, cancellationToken);

        public Task<int> CountAvailableAsync(CancellationToken cancellationToken) => inner.CountAvailableAsync(cancellationToken);

        public IAsyncEnumerable<VersionedDrone> GetAvailableNearAsync(Location point, double metres, CancellationToken cancellationToken) =>
            inner.GetAvailableNearAsync(point, metres, cancellationToken);

        public Task<IReadOnlyList<Drone>> ListAsync(DroneState? state, CancellationToken cancellationToken) => inner.ListAsync(state, cancellationToken);

        public Task<VersionedDrone?> GetAsync(string droneId, CancellationToken cancellationToken) => inner.GetAsync(droneId, cancellationToken);

        public Task<VersionedDrone?> FindByDeliveryAsync(string deliveryId, CancellationToken cancellationToken) => inner.FindByDeliveryAsync(deliveryId, cancellationToken);

        public async Task<bool> TryReplaceAsync(Drone drone, string version, CancellationToken cancellationToken)
        {
            var replaced = await inner.TryReplaceAsync(drone, version, cancellationToken);
            if (replaced)
            {
                ledger.Record(drone, version);
            }

            return replaced;
        }
    }
}
