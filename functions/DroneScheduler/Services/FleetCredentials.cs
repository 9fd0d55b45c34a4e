using System.Security.Cryptography;
using System.Text;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// Issues, lists, revokes and verifies the drones' own credentials. A secret is 32 random bytes
/// (base64url), shown once when issued; the store keeps its SHA-256 (a secret of that entropy needs
/// no slow hash: nothing can be guessed from the digest). A drone holds at most
/// <see cref="DroneCredentials.MaxLive"/> live credentials, so a new one can be handed over while
/// the old one still works (rotation without downtime); a third is refused until one is revoked.
/// Verification compares the digest with every live credential in constant time.
/// </summary>
public sealed class FleetCredentials(IDroneRepository drones, IDroneCredentialRepository credentials, TimeProvider clock)
{
    private const int MaxAttempts = 5;

    /// <summary>A new credential for the drone, or why none was issued (no such drone; already two live).</summary>
    public async Task<(IssueOutcome Outcome, DroneCredentialIssued? Issued)> IssueAsync(string droneId, CancellationToken cancellationToken)
    {
        if (await drones.GetAsync(droneId, cancellationToken) is null)
        {
            return (IssueOutcome.UnknownDrone, null);
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await credentials.GetAsync(droneId, cancellationToken);
            var live = current?.Credentials ?? [];
            if (live.Count >= DroneCredentials.MaxLive)
            {
                return (IssueOutcome.TooMany, null);
            }

            var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
            var credential = new StoredDroneCredential("cred-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Hash(secret), clock.GetUtcNow());
            if (await credentials.TrySaveAsync(droneId, [.. live, credential], current?.Version, cancellationToken))
            {
                return (IssueOutcome.Issued, new DroneCredentialIssued(droneId, credential.Id, secret, credential.CreatedAt));
            }
        }

        throw new InvalidOperationException($"The credentials of drone '{droneId}' kept changing while a credential was being issued.");
    }

    /// <summary>The drone's live credentials (ids and times, never secrets); null when the fleet has no such drone.</summary>
    public async Task<IReadOnlyList<DroneCredentialInfo>?> ListAsync(string droneId, CancellationToken cancellationToken)
    {
        if (await drones.GetAsync(droneId, cancellationToken) is null)
        {
            return null;
        }

        var current = await credentials.GetAsync(droneId, cancellationToken);
        return [.. (current?.Credentials ?? []).Select(credential => new DroneCredentialInfo(credential.Id, credential.CreatedAt))];
    }

    /// <summary>Revokes one credential (idempotent: done whether or not it was live); false when the fleet has no such drone.</summary>
    public async Task<bool> RevokeAsync(string droneId, string credentialId, CancellationToken cancellationToken)
    {
        if (await drones.GetAsync(droneId, cancellationToken) is null)
        {
            return false;
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await credentials.GetAsync(droneId, cancellationToken);
            if (current is null || current.Credentials.All(credential => credential.Id != credentialId))
            {
                return true;
            }

            if (await credentials.TrySaveAsync(droneId, [.. current.Credentials.Where(credential => credential.Id != credentialId)], current.Version, cancellationToken))
            {
                return true;
            }
        }

        throw new InvalidOperationException($"The credentials of drone '{droneId}' kept changing while a credential was being revoked.");
    }

    /// <summary>Whether <paramref name="secret"/> is one of the drone's live credentials, and the delivery the drone is assigned to now.</summary>
    public async Task<DroneVerification> VerifyAsync(string droneId, string secret, CancellationToken cancellationToken)
    {
        var drone = drones.GetAsync(droneId, cancellationToken);
        var stored = credentials.GetAsync(droneId, cancellationToken);
        await Task.WhenAll(drone, stored);
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var verified = false;
        foreach (var credential in (await stored)?.Credentials ?? [])
        {
            // Every live credential is compared, in constant time: neither the time taken nor an early exit says which matched.
            verified |= CryptographicOperations.FixedTimeEquals(presented, Convert.FromBase64String(credential.Hash));
        }

        var found = await drone;
        return found is not null && verified
            ? new DroneVerification(droneId, true, found.Drone.DeliveryId)
            : new DroneVerification(droneId, false, null);
    }

    /// <summary>The stored form of a secret: its SHA-256, base64.</summary>
    public static string Hash(string secret) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>How an issue request ended.</summary>
public enum IssueOutcome
{
    Issued,
    UnknownDrone,
    TooMany,
}
