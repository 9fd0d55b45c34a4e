using System.Security.Cryptography;
using System.Text;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace DroneDelivery.Workflow.Security;

/// <summary>
/// Who is reporting: the drone named by <c>Authorization: Drone {droneId}.{secret}</c>, its
/// credential verified by the drone scheduler (which owns the fleet and its credentials) through the
/// typed client and its resilience pipeline, and remembered for a short while
/// (<see cref="DroneVerificationCache"/>). Missing or refused → 401 with <c>WWW-Authenticate: Drone</c>;
/// the scheduler unreachable → 503 + <c>Retry-After</c>. Secrets are never logged.
/// </summary>
public sealed class DroneAuthentication(IDroneSchedulerClient scheduler, DroneVerificationCache cache, ILogger<DroneAuthentication> logger)
{
    private const string Prefix = DroneCredentials.Scheme + " ";

    /// <summary>The verified drone (with the delivery it was assigned to when verified, and whether that answer came from the cache), or the answer to give instead.</summary>
    public async Task<(AuthenticatedDrone? Drone, IActionResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (Parse(request) is not var (droneId, secret))
        {
            return (null, Unauthorized($"Send the drone's credential: Authorization: {DroneCredentials.Scheme} <droneId>.<secret>."));
        }

        var key = CacheKey(droneId, secret);
        if (cache.Find(key) is { } cached)
        {
            return (new AuthenticatedDrone(droneId, secret, cached.DeliveryId, FromCache: true), null);
        }

        return await VerifyAsync(droneId, secret, key, cancellationToken);
    }

    /// <summary>Asks the drone scheduler again, bypassing the cache: for milestones, and before refusing a report because of a remembered assignment.</summary>
    public async Task<(AuthenticatedDrone? Drone, IActionResult? Refusal)> ReverifyAsync(AuthenticatedDrone drone, CancellationToken cancellationToken) =>
        await VerifyAsync(drone.DroneId, drone.Secret, CacheKey(drone.DroneId, drone.Secret), cancellationToken);

    private async Task<(AuthenticatedDrone? Drone, IActionResult? Refusal)> VerifyAsync(string droneId, string secret, string key, CancellationToken cancellationToken)
    {
        DroneVerification verification;
        try
        {
            verification = await scheduler.VerifyDroneAsync(droneId, secret, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever kept the answer away (an error status, a timeout, an open circuit, a rejected
            // call): the report is neither accepted nor refused, the drone sends it again.
            logger.LogWarning("Cannot verify drone {DroneId}: the drone scheduler did not answer ({Error})", droneId, exception.Message);
            return (null, ApiResults.ServiceUnavailable("Drone credentials cannot be verified now; try again shortly.", TimeSpan.FromSeconds(5)));
        }

        cache.Add(key, verification);
        if (!verification.Verified)
        {
            logger.LogWarning("Refused a report from drone {DroneId}: its credential is not one of its live credentials", droneId);
            return (null, Unauthorized("The drone credential is not valid (unknown, revoked or for another drone).", invalid: true));
        }

        return (new AuthenticatedDrone(droneId, secret, verification.DeliveryId, FromCache: false), null);
    }

    /// <summary>The drone id and secret of an <c>Authorization: Drone {droneId}.{secret}</c> header (the secret has no dot; the id may).</summary>
    public static (string DroneId, string Secret)? Parse(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = header[Prefix.Length..].Trim();
        var dot = value.LastIndexOf('.');
        if (dot <= 0 || dot == value.Length - 1)
        {
            return null;
        }

        var (droneId, secret) = (value[..dot], value[(dot + 1)..]);
        return FieldRules.IsValidId(droneId) && secret.Length <= DroneCredentials.MaxSecretLength ? (droneId, secret) : null;
    }

    private static string CacheKey(string droneId, string secret) =>
        droneId + "\n" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static HeaderedResult Unauthorized(string detail, bool invalid = false) =>
        new(ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail),
            HeaderNames.WWWAuthenticate,
            invalid ? $"{DroneCredentials.Scheme} error=\"invalid_credentials\"" : DroneCredentials.Scheme);
}

/// <summary>A drone whose credential was verified; <see cref="DeliveryId"/> is its assignment as of that verification.</summary>
public sealed record AuthenticatedDrone(string DroneId, string Secret, string? DeliveryId, bool FromCache)
{
    /// <summary>The secret stays out of logs and traces.</summary>
    public override string ToString() => $"AuthenticatedDrone {{ DroneId = {DroneId}, DeliveryId = {DeliveryId}, FromCache = {FromCache} }}";
}
