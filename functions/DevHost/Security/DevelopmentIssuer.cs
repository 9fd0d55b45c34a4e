using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DroneDelivery.DevHost.Security;

/// <summary>
/// The local host's token issuer: an RSA key generated at start-up (never stored, so no key is in
/// the repository and a token dies with the process), trusted by the same validator the apps use,
/// and used to mint customer tokens for <c>POST /local/token</c>. Local host only.
/// </summary>
public sealed class DevelopmentIssuer : IDisposable
{
    public const string DefaultIssuer = "https://dronedelivery.local/dev-issuer";
    public const string DefaultAudience = "api://dronedelivery";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new();

    public DevelopmentIssuer(string issuer, string audience, TimeProvider clock)
    {
        Issuer = issuer;
        Audience = audience;
        Clock = clock;
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = Guid.NewGuid().ToString("N") };
    }

    public string Issuer { get; }

    public string Audience { get; }

    public SecurityKey SigningKey { get; }

    private TimeProvider Clock { get; }

    /// <summary>A signed access token for <paramref name="subject"/> with the given app roles.</summary>
    public string Mint(string subject, IReadOnlyCollection<string> roles, TimeSpan lifetime)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (roles.Count > 0)
        {
            claims["roles"] = roles.ToArray();
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            // An access token (RFC 9068), as the validator requires.
            TokenType = "at+jwt",
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => _rsa.Dispose();
}
