using System.Text.Json.Serialization;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>
/// The stored shape of a drone's credentials, flat so Cosmos (System.Text.Json, <c>id</c>) and the
/// local host's LiteDB (<c>Id</c> → <c>_id</c>) both map it by convention; times as Unix
/// milliseconds (LiteDB keeps no offset). Cosmos versions documents with <c>_etag</c>; LiteDB with <see cref="Version"/>.
/// </summary>
public sealed class DroneCredentialsDocument
{
    /// <summary>The drone's id (also the partition key).</summary>
    public string Id { get; set; } = string.Empty;

    public List<DroneCredentialEntry> Credentials { get; set; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; set; }

    [JsonIgnore]
    public long Version { get; set; }

    public static DroneCredentialsDocument From(string droneId, IEnumerable<StoredDroneCredential> credentials) => new()
    {
        Id = droneId,
        Credentials = [.. credentials.Select(credential => new DroneCredentialEntry
        {
            Id = credential.Id,
            Hash = credential.Hash,
            CreatedAtUnixMs = credential.CreatedAt.ToUnixTimeMilliseconds(),
        })],
    };

    public IReadOnlyList<StoredDroneCredential> ToCredentials() =>
        [.. Credentials.Select(entry => new StoredDroneCredential(entry.Id, entry.Hash, DateTimeOffset.FromUnixTimeMilliseconds(entry.CreatedAtUnixMs)))];
}

/// <summary>One stored credential.</summary>
public sealed class DroneCredentialEntry
{
    public string Id { get; set; } = string.Empty;

    public string Hash { get; set; } = string.Empty;

    public long CreatedAtUnixMs { get; set; }
}
