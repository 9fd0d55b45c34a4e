using System.Net;
using DroneDelivery.Contracts.Model;
using Microsoft.Azure.Cosmos;

namespace DroneDelivery.Stores.Drones;

/// <summary>The fleet in Cosmos DB (SQL API), partitioned by drone id; conditional writes use the document ETag.</summary>
public sealed class CosmosDroneRepository(Container container) : IDroneRepository
{
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var results = await QueryAsync<int>(new QueryDefinition("SELECT VALUE COUNT(1) FROM c"), cancellationToken);
        return results.SingleOrDefault();
    }

    public async Task AddAsync(IEnumerable<Drone> drones, CancellationToken cancellationToken)
    {
        foreach (var drone in drones)
        {
            await container.UpsertItemAsync(DroneDocument.From(drone), new PartitionKey(drone.Id), cancellationToken: cancellationToken);
        }
    }

    public async Task<IReadOnlyList<VersionedDrone>> GetAvailableAsync(CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.state = @state").WithParameter("@state", nameof(DroneState.Available));
        var documents = await QueryAsync<DroneDocument>(query, cancellationToken);
        return documents.Select(ToVersioned).ToList();
    }

    public async Task<IReadOnlyList<Drone>> ListAsync(DroneState? state, CancellationToken cancellationToken)
    {
        var query = state is null
            ? new QueryDefinition("SELECT * FROM c")
            : new QueryDefinition("SELECT * FROM c WHERE c.state = @state").WithParameter("@state", state.Value.ToString());
        var documents = await QueryAsync<DroneDocument>(query, cancellationToken);
        return documents.Select(d => d.ToDrone()).ToList();
    }

    public async Task<Drone?> GetAsync(string droneId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.ReadItemAsync<DroneDocument>(droneId, new PartitionKey(droneId), cancellationToken: cancellationToken);
            return response.Resource.ToDrone();
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<VersionedDrone?> FindByDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.deliveryId = @deliveryId").WithParameter("@deliveryId", deliveryId);
        var documents = await QueryAsync<DroneDocument>(query, cancellationToken);
        return documents.Select(ToVersioned).FirstOrDefault();
    }

    public async Task<bool> TryReplaceAsync(Drone drone, string version, CancellationToken cancellationToken)
    {
        try
        {
            await container.ReplaceItemAsync(
                DroneDocument.From(drone),
                drone.Id,
                new PartitionKey(drone.Id),
                new ItemRequestOptions { IfMatchEtag = version },
                cancellationToken);
            return true;
        }
        catch (CosmosException exception) when (exception.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return false;
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

    private static VersionedDrone ToVersioned(DroneDocument document) =>
        new(document.ToDrone(), document.ETag ?? throw new InvalidOperationException($"Drone '{document.Id}' was read without an ETag."));
}
