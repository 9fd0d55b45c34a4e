using System.Globalization;
using DroneDelivery.DroneScheduler.Stores;
using LiteDB;

namespace DroneDelivery.DevHost.Stores;

/// <summary>
/// The drones' credentials in the local host's fleet database (the stand-in for the Cosmos DB
/// container <c>dronecredentials</c>): one document per drone, replaced under the database's write lock when its
/// version counter still matches — the same guarantee as an ETag match.
/// </summary>
public sealed class LiteDbDroneCredentialRepository(EmbeddedDatabase database) : IDroneCredentialRepository
{
    private readonly ILiteCollection<DroneCredentialsDocument> _documents = database.Collection<DroneCredentialsDocument>("dronecredentials");

    public Task<VersionedCredentials?> GetAsync(string droneId, CancellationToken cancellationToken)
    {
        var document = _documents.FindById(droneId);
        return Task.FromResult(document is null ? null : new VersionedCredentials(document.ToCredentials(), Version(document.Version)));
    }

    public Task<bool> TrySaveAsync(string droneId, IReadOnlyList<StoredDroneCredential> credentials, string? version, CancellationToken cancellationToken)
    {
        lock (database.Writes)
        {
            var current = _documents.FindById(droneId);
            if (current is null ? version is not null : Version(current.Version) != version)
            {
                return Task.FromResult(false);
            }

            var replacement = DroneCredentialsDocument.From(droneId, credentials);
            replacement.Version = (current?.Version ?? 0) + 1;
            _documents.Upsert(replacement);
            return Task.FromResult(true);
        }
    }

    private static string Version(long version) => version.ToString(CultureInfo.InvariantCulture);
}
