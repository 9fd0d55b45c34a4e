using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;
using LiteDB;

namespace DroneDelivery.DevHost.Stores;

/// <summary>
/// The fleet in an embedded LiteDB file: the local stand-in for Cosmos DB. Conditional replace
/// compares a version counter under the database's write lock, which gives the same guarantee as an ETag match.
/// This repository is the drones collection's only writer (LiteDB direct mode locks the file to one
/// process), so it keeps the current document of every drone in memory as well, written through
/// under the same lock, and reads are answered from memory. The available drones are indexed by place: a grid of
/// <see cref="CellDegrees"/>-degree cells, each holding its drones in a small array that a write
/// replaces (never changes), so readers need no lock. A lookup near a point reads the cells ring by
/// ring outwards and hands out a drone as soon as no unread cell can hold a nearer one: its cost is
/// the drones near the point, not the fleet.
/// </summary>
public sealed class LiteDbDroneRepository : IDroneRepository
{
    /// <summary>About 110 m north-south, 75 m east-west at Seattle's latitude.</summary>
    public const double CellDegrees = 0.001;

    private static readonly GeoGrid Grid = new(CellDegrees);

    private readonly ILiteCollection<DroneDocument> _drones;
    private readonly Lock _writeLock;
    private readonly ConcurrentDictionary<string, DroneDocument> _current = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _droneByDelivery = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GeoCell, VersionedDrone[]> _availableByCell = new();
    private int _availableCount;

    public LiteDbDroneRepository(EmbeddedDatabase database)
    {
        _drones = database.Collection<DroneDocument>("drones");
        _writeLock = database.Writes;

        // Every read is answered from memory, so secondary indexes would only make each write
        // slower; a file from an earlier version has them.
        _drones.DropIndex(nameof(DroneDocument.State));
        _drones.DropIndex(nameof(DroneDocument.DeliveryId));
        foreach (var document in _drones.FindAll())
        {
            Remember(null, document);
        }
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_current.Count);

    public Task<int> CountAvailableAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref _availableCount));

    public Task AddAsync(IEnumerable<Drone> drones, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            var documents = drones.Select(DroneDocument.From).ToList();
            _drones.Upsert(documents);
            foreach (var document in documents)
            {
                Remember(_current.GetValueOrDefault(document.Id), document);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryAddAsync(Drone drone, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            if (_current.ContainsKey(drone.Id))
            {
                return Task.FromResult(false);
            }

            var document = DroneDocument.From(drone);
            _drones.Insert(document);
            Remember(null, document);
            return Task.FromResult(true);
        }
    }

    public async IAsyncEnumerable<VersionedDrone> GetAvailableNearAsync(Location point, double metres, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var drone in Nearest(point, metres))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return drone;
        }
    }

    public Task<IReadOnlyList<Drone>> ListAsync(DroneState? state, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Drone>>(_current.Values
            .Where(d => state is null || d.State == state)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => d.ToDrone())
            .ToList());

    public Task<VersionedDrone?> GetAsync(string droneId, CancellationToken cancellationToken) =>
        Task.FromResult(_current.TryGetValue(droneId, out var document) ? ToVersioned(document) : null);

    public Task<VersionedDrone?> FindByDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        // The two maps are updated one after the other: a drone found through a stale entry no
        // longer holds the delivery, which reads as "not held" — as just before or after the change.
        var document = _droneByDelivery.TryGetValue(deliveryId, out var droneId) && _current.TryGetValue(droneId, out var current)
            && current.DeliveryId == deliveryId
            ? current
            : null;
        return Task.FromResult(document is null ? null : ToVersioned(document));
    }

    public Task<bool> TryReplaceAsync(Drone drone, string version, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            if (!_current.TryGetValue(drone.Id, out var current) || current.Version.ToString(CultureInfo.InvariantCulture) != version)
            {
                return Task.FromResult(false);
            }

            var replacement = DroneDocument.From(drone);
            replacement.Version = current.Version + 1;
            if (!_drones.Update(replacement))
            {
                return Task.FromResult(false);
            }

            Remember(current, replacement);
            return Task.FromResult(true);
        }
    }

    /// <summary>
    /// The available drones within <paramref name="metres"/>, nearest first: the cells ring by ring; after each ring,
    /// the drones read so far that are nearer than anything beyond it. The walk is bounded by where drones are, not by
    /// the reach: once the rings would have visited more cells than hold available drones (a sparse or used-up fleet,
    /// where a 60 km reach is ~550 rings, a million cells), the cells not yet visited are read in one pass.
    /// </summary>
    private IEnumerable<VersionedDrone> Nearest(Location point, double metres)
    {
        var centre = Grid.CellOf(point);
        var occupiedCells = _availableByCell.Count;
        var found = new PriorityQueue<VersionedDrone, double>();
        var cellsVisited = 0;
        for (var ring = 0; ; ring++)
        {
            cellsVisited += ring == 0 ? 1 : 8 * ring;
            if (cellsVisited > occupiedCells)
            {
                foreach (var (cell, drones) in _availableByCell)
                {
                    if (Math.Max(Math.Abs(cell.Row - centre.Row), Math.Abs(cell.Column - centre.Column)) >= ring)
                    {
                        EnqueueWithin(found, drones, point, metres);
                    }
                }

                while (found.TryDequeue(out var drone, out _))
                {
                    yield return drone;
                }

                yield break;
            }

            foreach (var cell in GeoGrid.Ring(centre, ring))
            {
                EnqueueWithin(found, _availableByCell.GetValueOrDefault(cell, []), point, metres);
            }

            var beyond = Grid.MetresBeyondRing(point, ring);
            var settled = beyond >= metres ? double.PositiveInfinity : beyond;
            while (found.TryPeek(out _, out var distance) && distance <= settled)
            {
                yield return found.Dequeue();
            }

            if (double.IsPositiveInfinity(settled))
            {
                yield break;
            }
        }
    }

    private static void EnqueueWithin(PriorityQueue<VersionedDrone, double> found, VersionedDrone[] drones, Location point, double metres)
    {
        foreach (var drone in drones)
        {
            var distance = GeoMath.DistanceMetres(drone.Drone.Position, point);
            if (distance <= metres)
            {
                found.Enqueue(drone, distance);
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="document"/> the drone's current version (the drone first, then the
    /// delivery index; the cells of available drones under the write lock, like every write).
    /// </summary>
    private void Remember(DroneDocument? previous, DroneDocument document)
    {
        _current[document.Id] = document;
        if (previous?.State == DroneState.Available)
        {
            var cell = CellOf(previous);
            _availableByCell[cell] = [.. _availableByCell[cell].Where(drone => drone.Drone.Id != document.Id)];
            _availableCount--;
        }

        if (document.State == DroneState.Available)
        {
            var cell = CellOf(document);
            _availableByCell[cell] = [.. _availableByCell.GetValueOrDefault(cell, []), ToVersioned(document)];
            _availableCount++;
        }

        if (document.DeliveryId is not null)
        {
            _droneByDelivery[document.DeliveryId] = document.Id;
        }

        if (previous?.DeliveryId is { } released && released != document.DeliveryId)
        {
            _droneByDelivery.TryRemove(new KeyValuePair<string, string>(released, document.Id));
        }
    }

    private static GeoCell CellOf(DroneDocument document) => Grid.CellOf(new Location(document.Latitude, document.Longitude));

    private static VersionedDrone ToVersioned(DroneDocument document) =>
        new(document.ToDrone(), document.Version.ToString(CultureInfo.InvariantCulture));
}
