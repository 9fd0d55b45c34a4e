using System.Net;
using Microsoft.Azure.Cosmos;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>Drone credentials in Cosmos DB (SQL API), one document per drone, partitioned by drone id; writes conditional on the ETag.</summary>
public sealed class CosmosDroneCredentialRepository(Container container) : IDroneCredentialRepository
{
    public async Task<VersionedCredentials?> GetAsync(string droneId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.ReadItemAsync<DroneCredentialsDocument>(droneId, new PartitionKey(droneId), cancellationToken: cancellationToken);
            return new VersionedCredentials(response.Resource.ToCredentials(), response.ETag);
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> TrySaveAsync(string droneId, IReadOnlyList<StoredDroneCredential> credentials, string? version, CancellationToken cancellationToken)
    {
        var document = DroneCredentialsDocument.From(droneId, credentials);
        try
        {
            if (version is null)
            {
                await container.CreateItemAsync(document, new PartitionKey(droneId), cancellationToken: cancellationToken);
            }
            else
            {
                await container.ReplaceItemAsync(document, droneId, new PartitionKey(droneId), new ItemRequestOptions { IfMatchEtag = version }, cancellationToken);
            }

            return true;
        }
        catch (CosmosException exception) when (exception.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
