using DroneDelivery.Contracts.Validation;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace DroneDelivery.Platform.Security;

/// <summary>
/// Validates a customer's JWT: signature (keys from <see cref="AuthOptions.SigningKeys"/>, else from
/// the issuer's OpenID Connect metadata, refreshed when a token names a key not seen yet), issuer,
/// audience, lifetime and that it is an access token (<see cref="AccessTokenTypes"/>, no ID-token
/// claims); then reads the owner id and roles. The one place every app and the local
/// host check tokens. A token that passed is remembered until it expires (<see cref="ValidatedTokenCache"/>):
/// the signature check is most of an authenticated request's CPU, and clients send the same token many times.
/// </summary>
public sealed class BearerTokenValidator
{
    /// <summary>Longer tokens are refused unread (Entra ID access tokens are 1–3 KB).</summary>
    public const int MaxTokenLength = 8 * 1024;

    /// <summary>
    /// The <c>typ</c> headers of access tokens: <c>at+jwt</c> (RFC 9068) and <c>JWT</c>, which Entra ID
    /// access tokens carry. A token without <c>typ</c> or with another one (<c>id_token</c>, <c>logout+jwt</c>…) is refused.
    /// </summary>
    public static readonly IReadOnlyList<string> AccessTokenTypes = ["at+jwt", "application/at+jwt", "JWT"];

    /// <summary>Claims only OpenID Connect ID tokens carry (OIDC Core 2, 3.1.3.6, 3.3.2.11): a token with one is not an access token.</summary>
    private static readonly string[] IdTokenClaims = ["nonce", "at_hash", "c_hash", "s_hash"];

    private readonly AuthOptions _options;
    private readonly TokenValidationParameters _parameters;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ValidatedTokenCache _validated;
    private readonly TimeProvider _clock;

    public BearerTokenValidator(IOptions<AuthOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _validated = new ValidatedTokenCache(clock);
        if (string.IsNullOrWhiteSpace(_options.Issuer) || string.IsNullOrWhiteSpace(_options.Audience))
        {
            throw new InvalidOperationException($"Set {AuthOptions.Section}__Issuer and {AuthOptions.Section}__Audience: customer endpoints only accept tokens of a configured issuer and audience.");
        }

        _parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            LifetimeValidator = ValidateLifetime,
            NameClaimType = _options.OwnerClaim,
            RoleClaimType = _options.RoleClaim,
            ValidTypes = AccessTokenTypes,
        };
        if (_options.SigningKeys.Count > 0)
        {
            _parameters.IssuerSigningKeys = _options.SigningKeys;
        }
        else
        {
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                _options.EffectiveMetadataAddress, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true });
        }
    }

    public async Task<TokenCheck> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength)
        {
            return TokenCheck.Refused("the token is too long");
        }

        if (_validated.Find(token) is { } known)
        {
            return TokenCheck.Valid(known);
        }

        var result = await ValidateWithCurrentKeysAsync(token, cancellationToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && _metadata is not null)
        {
            // The issuer rolled its keys: fetch the metadata again (rate-limited by the manager) and retry once.
            _metadata.RequestRefresh();
            result = await ValidateWithCurrentKeysAsync(token, cancellationToken);
        }

        if (!result.IsValid)
        {
            return TokenCheck.Refused(Describe(result.Exception));
        }

        var identity = result.ClaimsIdentity;
        if (IdTokenClaims.Any(claim => identity.FindFirst(claim) is not null))
        {
            // An ID token issued to a client that shares this API's audience: it proves a sign-in, it grants no access.
            return TokenCheck.Refused(NotAnAccessToken);
        }

        var owner = identity.FindFirst(_options.OwnerClaim)?.Value;
        if (!FieldRules.IsValidId(owner))
        {
            return TokenCheck.Refused($"the token's '{_options.OwnerClaim}' claim is missing or not a usable owner id");
        }

        var roles = identity.FindAll(_options.RoleClaim).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        var caller = new Caller(owner!, roles);
        _validated.Add(token, caller, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero));
        return TokenCheck.Valid(caller);
    }

    private async Task<TokenValidationResult> ValidateWithCurrentKeysAsync(string token, CancellationToken cancellationToken)
    {
        var parameters = _parameters;
        if (_metadata is not null)
        {
            var configuration = await _metadata.GetConfigurationAsync(cancellationToken);
            parameters = _parameters.Clone();
            parameters.IssuerSigningKeys = configuration.SigningKeys;
        }

        return await _handler.ValidateTokenAsync(token, parameters);
    }

    /// <summary>
    /// The token's <c>nbf</c> and <c>exp</c> against <see cref="_clock"/> (the library's own check reads the
    /// system clock): the same clock as <see cref="ValidatedTokenCache"/>, so both agree when a token expires.
    /// </summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } from && from > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = from };
        }

        if (expires.Value < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    private const string NotAnAccessToken = "the token is not an access token";

    /// <summary>A reason a client can act on, without echoing the token or the library's internals.</summary>
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidIssuerException => "the token was not issued by the trusted issuer",
        SecurityTokenInvalidAudienceException => "the token is not meant for this API",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidTypeException => NotAnAccessToken,
        SecurityTokenMalformedException or ArgumentException => "the token is not a well-formed JWT",
        _ => "the token is not valid",
    };
}
