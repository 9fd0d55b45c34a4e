using System.Net;
using System.Runtime.CompilerServices;
using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using Microsoft.Azure.Cosmos;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>
/// The fleet in Cosmos DB (SQL API), partitioned by area (<c>/area</c>: the one-degree cell the
/// drone is in, <see cref="AreaOf"/>); conditional writes use the document ETag. A lookup near a
/// point reads only the areas around it, with a spatial query (<c>ST_DISTANCE</c> on the GeoJSON
/// <c>location</c>, served by the container's spatial index) in rings that double from
/// <see cref="FirstRingMetres"/>, one page of <see cref="PageSize"/> drones at a time: an
/// assignment that claims one of the first drones it is handed reads a page, however large the
/// fleet. Drones come nearest first within a page; a page of an outer ring after those of an inner
/// one. A drone that lands in another area moves there (a partition key cannot change: created
/// there, then deleted here, on the ETag read). The version a caller holds is the area and the
/// ETag, so a conditional write knows the partition to write. A delivery's drone is found by point
/// reads through its <see cref="DeliveryAssignmentDocument"/>.
/// </summary>
public sealed class CosmosDroneRepository(Container container) : IDroneRepository
{
    public const int PageSize = 8;

    public const double FirstRingMetres = 125;

    public const string NearQuery =
        "SELECT * FROM c WHERE c.state = @state AND ST_DISTANCE(c.location, @point) > @inner AND ST_DISTANCE(c.location, @point) <= @outer";

    public const string ByIdQuery = "SELECT * FROM c WHERE c.id = @id AND IS_DEFINED(c.state)";

    private const char VersionSeparator = '|';

    private static readonly GeoGrid Areas = new(1.0);

    /// <summary>The partition of a drone at <paramref name="position"/>: its one-degree cell, e.g. <c>47:-123</c>.</summary>
    public static string AreaOf(Location position) => AreaKey(Areas.CellOf(position));

    /// <summary>The partition of a delivery's assignment document, apart from every area.</summary>
    public static string AssignmentArea(string deliveryId) => $"delivery:{deliveryId}";

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var results = await QueryAsync<int>(new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE IS_DEFINED(c.state)"), cancellationToken);
        return results.SingleOrDefault();
    }

    public async Task<int> CountAvailableAsync(CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.state = @state").WithParameter("@state", nameof(DroneState.Available));
        var results = await QueryAsync<int>(query, cancellationToken);
        return results.SingleOrDefault();
    }

    public async Task AddAsync(IEnumerable<Drone> drones, CancellationToken cancellationToken)
    {
        foreach (var document in drones.Select(DroneDocument.From))
        {
            await container.UpsertItemAsync(document, new PartitionKey(document.Area), cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// A drone's id is unique across areas only by a claim on it: its <see cref="DroneIdDocument"/>, created (409 when it
    /// exists) before the drone, so two admins adding the same id in different areas do not both succeed. A drone of a
    /// fleet seeded before the claims existed is found by id first.
    /// </summary>
    public async Task<bool> TryAddAsync(Drone drone, CancellationToken cancellationToken)
    {
        if (await GetAsync(drone.Id, cancellationToken) is not null)
        {
            return false;
        }

        var claim = new DroneIdDocument { Id = drone.Id, Area = IdArea(drone.Id) };
        try
        {
            await container.CreateItemAsync(claim, new PartitionKey(claim.Area), cancellationToken: cancellationToken);
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        var document = DroneDocument.From(drone);
        await container.CreateItemAsync(document, new PartitionKey(document.Area), cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>The partition of a drone id's claim, apart from every area.</summary>
    public static string IdArea(string droneId) => $"drone:{droneId}";

    public async IAsyncEnumerable<VersionedDrone> GetAvailableNearAsync(Location point, double metres, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var inner = -1.0;
        for (var outer = Math.Min(FirstRingMetres, metres); inner < metres; inner = outer, outer = Math.Min(2 * outer, metres))
        {
            var query = new QueryDefinition(NearQuery)
                .WithParameter("@state", nameof(DroneState.Available))
                .WithParameter("@point", GeoJsonPoint.From(point))
                .WithParameter("@inner", inner)
                .WithParameter("@outer", outer);
            foreach (var area in AreasWithin(point, outer))
            {
                using var iterator = container.GetItemQueryIterator<DroneDocument>(
                    query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(area), MaxItemCount = PageSize });
                while (iterator.HasMoreResults)
                {
                    var page = await iterator.ReadNextAsync(cancellationToken);
                    foreach (var document in page.OrderBy(document => GeoMath.DistanceMetres(point, new Location(document.Latitude, document.Longitude))))
                    {
                        yield return ToVersioned(document);
                    }
                }
            }
        }
    }

    public async Task<IReadOnlyList<Drone>> ListAsync(DroneState? state, CancellationToken cancellationToken)
    {
        var query = state is null
            ? new QueryDefinition("SELECT * FROM c WHERE IS_DEFINED(c.state)")
            : new QueryDefinition("SELECT * FROM c WHERE c.state = @state").WithParameter("@state", state.Value.ToString());
        var documents = await QueryAsync<DroneDocument>(query, cancellationToken);
        return documents.Select(d => d.ToDrone()).ToList();
    }

    /// <summary>By id alone the area is unknown: a query on the (indexed) id across the areas.</summary>
    public async Task<VersionedDrone?> GetAsync(string droneId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition(ByIdQuery).WithParameter("@id", droneId);
        var documents = await QueryAsync<DroneDocument>(query, cancellationToken);
        return documents.FirstOrDefault() is { } document ? ToVersioned(document) : null;
    }

    public async Task<VersionedDrone?> FindByDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var assignment = await ReadAsync<DeliveryAssignmentDocument>(deliveryId, AssignmentArea(deliveryId), cancellationToken);
        var drone = assignment is null ? null : await ReadAsync<DroneDocument>(assignment.DroneId, assignment.DroneArea, cancellationToken);
        return drone?.DeliveryId == deliveryId ? ToVersioned(drone) : null;
    }

    /// <summary>
    /// A claim (<see cref="DroneState.Assigned"/>) first records the assignment, then writes the
    /// drone: a claim that loses its race leaves an assignment that the drone does not confirm,
    /// which reads as none. A drone that lands in another area is created there, then deleted here.
    /// </summary>
    public async Task<bool> TryReplaceAsync(Drone drone, string version, CancellationToken cancellationToken)
    {
        var (area, etag) = ParseVersion(version);
        var document = DroneDocument.From(drone);
        if (drone is { State: DroneState.Assigned, DeliveryId: { } deliveryId })
        {
            var assignment = new DeliveryAssignmentDocument { Id = deliveryId, Area = AssignmentArea(deliveryId), DroneId = drone.Id, DroneArea = document.Area };
            await container.UpsertItemAsync(assignment, new PartitionKey(assignment.Area), cancellationToken: cancellationToken);
        }

        try
        {
            if (document.Area == area)
            {
                await container.ReplaceItemAsync(document, drone.Id, new PartitionKey(area), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
                return true;
            }

            var moved = await container.UpsertItemAsync(document, new PartitionKey(document.Area), cancellationToken: cancellationToken);
            try
            {
                await container.DeleteItemAsync<DroneDocument>(drone.Id, new PartitionKey(area), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
                return true;
            }
            catch (CosmosException exception) when (IsLostRace(exception))
            {
                await container.DeleteItemAsync<DroneDocument>(drone.Id, new PartitionKey(document.Area), new ItemRequestOptions { IfMatchEtag = moved.ETag }, cancellationToken);
                throw;
            }
        }
        catch (CosmosException exception) when (IsLostRace(exception))
        {
            return false;
        }
    }

    private static bool IsLostRace(CosmosException exception) =>
        exception.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound;

    /// <summary>The areas a circle of <paramref name="metres"/> around <paramref name="point"/> may reach, its own first.</summary>
    private static IEnumerable<string> AreasWithin(Location point, double metres)
    {
        var own = Areas.CellOf(point);
        return Areas.CellsWithin(point, metres).OrderBy(cell => cell != own).Select(AreaKey);
    }

    private static string AreaKey(GeoCell cell) => FormattableString.Invariant($"{cell.Row}:{cell.Column}");

    private async Task<T?> ReadAsync<T>(string id, string partition, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await container.ReadItemAsync<T>(id, new PartitionKey(partition), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<List<T>> QueryAsync<T>(QueryDefinition query, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        using var iterator = container.GetItemQueryIterator<T>(query);
        while (iterator.HasMoreResults)
        {
            results.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return results;
    }

    private static (string Area, string ETag) ParseVersion(string version)
    {
        var separator = version.IndexOf(VersionSeparator, StringComparison.Ordinal);
        return separator < 0
            ? throw new ArgumentException($"'{version}' is not a version this store handed out.", nameof(version))
            : (version[..separator], version[(separator + 1)..]);
    }

    private static VersionedDrone ToVersioned(DroneDocument document) =>
        new(document.ToDrone(), document.Area + VersionSeparator + (document.ETag ?? throw new InvalidOperationException($"Drone '{document.Id}' was read without an ETag.")));
}
