using System.Globalization;
using DroneDelivery.DroneScheduler.Stores;
using LiteDB;

namespace DroneDelivery.DevHost.Stores;

/// <summary>
/// The drones' credentials in the local host's fleet database (the stand-in for the Cosmos DB
/// container <c>dronecredentials</c>): one document per drone, replaced under a lock when its
/// version counter still matches — the same guarantee as an ETag match.
/// </summary>
public sealed class LiteDbDroneCredentialRepository(ILiteCollection<DroneCredentialsDocument> documents) : IDroneCredentialRepository
{
    private readonly Lock _writeLock = new();

    public Task<VersionedCredentials?> GetAsync(string droneId, CancellationToken cancellationToken)
    {
        var document = documents.FindById(droneId);
        return Task.FromResult(document is null ? null : new VersionedCredentials(document.ToCredentials(), Version(document.Version)));
    }

    public Task<bool> TrySaveAsync(string droneId, IReadOnlyList<StoredDroneCredential> credentials, string? version, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            var current = documents.FindById(droneId);
            if (current is null ? version is not null : Version(current.Version) != version)
            {
                return Task.FromResult(false);
            }

            var replacement = DroneCredentialsDocument.From(droneId, credentials);
            replacement.Version = (current?.Version ?? 0) + 1;
            documents.Upsert(replacement);
            return Task.FromResult(true);
        }
    }

    private static string Version(long version) => version.ToString(CultureInfo.InvariantCulture);
}
