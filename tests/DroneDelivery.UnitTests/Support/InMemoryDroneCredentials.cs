using System.Globalization;
using DroneDelivery.DroneScheduler.Stores;

namespace DroneDelivery.UnitTests.Support;

/// <summary>A credential store with the real one's versioned writes, in memory.</summary>
public sealed class InMemoryDroneCredentials : IDroneCredentialRepository
{
    private readonly Dictionary<string, VersionedCredentials> _documents = new(StringComparer.Ordinal);
    private int _version;

    public IReadOnlyList<StoredDroneCredential> Stored(string droneId) =>
        _documents.TryGetValue(droneId, out var document) ? document.Credentials : [];

    public Task<VersionedCredentials?> GetAsync(string droneId, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.GetValueOrDefault(droneId));

    public Task<bool> TrySaveAsync(string droneId, IReadOnlyList<StoredDroneCredential> credentials, string? version, CancellationToken cancellationToken)
    {
        lock (_documents)
        {
            if (_documents.GetValueOrDefault(droneId)?.Version != version)
            {
                return Task.FromResult(false);
            }

            _documents[droneId] = new VersionedCredentials(credentials, (++_version).ToString(CultureInfo.InvariantCulture));
            return Task.FromResult(true);
        }
    }
}
