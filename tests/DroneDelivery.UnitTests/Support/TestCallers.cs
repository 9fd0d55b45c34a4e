using System.Security.Cryptography;
using DroneDelivery.Platform.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DroneDelivery.UnitTests.Support;

/// <summary>
/// A token issuer for tests: a fresh RSA key, the shared <see cref="CallerAuthentication"/> that
/// trusts it, and tokens minted with it — the functions under test check real, signed tokens.
/// </summary>
public sealed class TestCallers
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "api://dronedelivery-test";

    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-key" };

    public static TestCallers Default { get; } = new();

    public CallerAuthentication Authentication { get; } = new(Validator(), NullLogger<CallerAuthentication>.Instance);

    public static BearerTokenValidator Validator(Action<AuthOptions>? configure = null, TimeProvider? clock = null)
    {
        var options = new AuthOptions { Issuer = Issuer, Audience = Audience };
        options.SigningKeys.Add(Key);
        configure?.Invoke(options);
        return new BearerTokenValidator(Options.Create(options), clock ?? TimeProvider.System);
    }

    public static string Token(string owner = "owner-1", params string[] roles) => Mint(new Dictionary<string, object> { ["sub"] = owner, ["roles"] = roles });

    /// <summary>A token from <see cref="Key"/> with the claims and settings given (defaults: valid for an hour).</summary>
    public static string Mint(
        Dictionary<string, object> claims, string issuer = Issuer, string audience = Audience, SecurityKey? key = null, DateTime? expires = null, string? tokenType = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = tokenType,
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-2),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-2),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// Signs the call in as <paramref name="owner"/>: its bearer token, and the caller the pipeline's
    /// authentication puts in the function context for the function to read.
    /// </summary>
    public static HttpCall SignedIn(HttpCall call, string owner = "owner-1", params string[] roles)
    {
        call.Request.Headers.Authorization = $"Bearer {Token(owner, roles)}";
        return call.SignIn(new Caller(owner, roles.ToHashSet(StringComparer.Ordinal)));
    }
}
