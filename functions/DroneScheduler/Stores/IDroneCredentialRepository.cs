namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>
/// The drones' credentials, owned by the drone scheduler next to the fleet (Cosmos DB container
/// <c>dronecredentials</c>, one document per drone). Only hashes are stored. Writes are conditional
/// on the version read, so two issues at once cannot give a drone more than its limit.
/// </summary>
public interface IDroneCredentialRepository
{
    /// <summary>The drone's live credentials and their version, or null when it never had any.</summary>
    Task<VersionedCredentials?> GetAsync(string droneId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the drone's credentials if they are still at <paramref name="version"/> (null: the drone
    /// has no document yet); false when someone else wrote first.
    /// </summary>
    Task<bool> TrySaveAsync(string droneId, IReadOnlyList<StoredDroneCredential> credentials, string? version, CancellationToken cancellationToken);
}

/// <summary>One live credential: its id, the SHA-256 of its secret (base64) and when it was issued.</summary>
public sealed record StoredDroneCredential(string Id, string Hash, DateTimeOffset CreatedAt);

/// <summary>A drone's credentials as read, with the version (Cosmos ETag) a conditional write must match.</summary>
public sealed record VersionedCredentials(IReadOnlyList<StoredDroneCredential> Credentials, string Version);
