namespace DroneDelivery.Contracts.Model;

/// <summary>
/// A drone's new credential, the answer of <c>POST /api/drones/{id}/credentials</c>: the only time
/// the secret is shown (the fleet store keeps its SHA-256). The drone sends
/// <c>Authorization: Drone {droneId}.{secret}</c> (<see cref="AuthorizationValue"/>) with every report.
/// </summary>
public sealed record DroneCredentialIssued(string DroneId, string CredentialId, string Secret, DateTimeOffset CreatedAt)
{
    /// <summary>The value of the <c>Authorization</c> header a drone sends.</summary>
    public string AuthorizationValue => $"{DroneCredentials.Scheme} {DroneId}.{Secret}";
}

/// <summary>A live credential as <c>GET /api/drones/{id}/credentials</c> lists it: never the secret.</summary>
public sealed record DroneCredentialInfo(string CredentialId, DateTimeOffset CreatedAt);

/// <summary>Body of <c>POST /api/drones/{id}/credentials/verify</c>: the secret a drone presented.</summary>
public sealed record DroneCredentialCheck(string Secret);

/// <summary>
/// The drone scheduler's answer to "is this secret one of the drone's live credentials?", with the
/// delivery the drone is assigned to now (null when none) — what the workflow checks a report against.
/// </summary>
public sealed record DroneVerification(string DroneId, bool Verified, string? DeliveryId);

/// <summary>The scheme and limits of drone credentials.</summary>
public static class DroneCredentials
{
    /// <summary>The <c>Authorization</c> scheme drones use: <c>Drone {droneId}.{secret}</c>.</summary>
    public const string Scheme = "Drone";

    /// <summary>Live credentials a drone may hold: the current one and its successor during a rotation.</summary>
    public const int MaxLive = 2;

    /// <summary>Secrets are 32 random bytes in base64url (43 characters); anything longer is not one.</summary>
    public const int MaxSecretLength = 128;
}
