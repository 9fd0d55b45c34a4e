using Microsoft.IdentityModel.Tokens;

namespace DroneDelivery.Platform.Security;

/// <summary>
/// Configuration section <c>Auth</c>: who issues the customers' bearer tokens and for which API.
/// In production the signing keys come from the issuer's OpenID Connect metadata (Entra ID:
/// <c>https://login.microsoftonline.com/{tenant}/v2.0</c>); the local host adds its own
/// development key to <see cref="SigningKeys"/> instead.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The <c>iss</c> every token must carry.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> every token must carry (the API's application ID URI or client id).</summary>
    public string? Audience { get; set; }

    /// <summary>OpenID Connect metadata; default <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The claim that names the caller as an owner (Entra ID: <c>oid</c> is stable across apps).</summary>
    public string OwnerClaim { get; set; } = "sub";

    /// <summary>The claim that lists the caller's app roles.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Keys trusted without metadata (set in code by the local host and tests, never from configuration).</summary>
    public IList<SecurityKey> SigningKeys { get; } = [];

    public string EffectiveMetadataAddress =>
        MetadataAddress ?? $"{Issuer!.TrimEnd('/')}/.well-known/openid-configuration";
}
