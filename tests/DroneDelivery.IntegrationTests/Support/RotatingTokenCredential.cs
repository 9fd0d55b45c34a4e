using Azure.Core;
using DroneDelivery.Testing;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>
/// Stands in for Microsoft Entra ID: every request gets a new unsigned JWT-shaped token for one
/// object id (<c>oid</c>) that expires after <paramref name="lifetime"/>. The server accepts a token
/// before it is handed out, and enforces the expiry of the one it replaces when that one expires.
/// </summary>
public sealed class RotatingTokenCredential(EntraIdRedisServer server, string objectId, TimeSpan lifetime) : TokenCredential
{
    private readonly Lock _lock = new();
    private readonly List<Task> _expiries = [];
    private (string Token, DateTimeOffset ExpiresOn)? _current;
    private int _issued;

    public int Issued => Volatile.Read(ref _issued);

    public IReadOnlyList<string> Scopes { get; private set; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        IssueAsync(requestContext).GetAwaiter().GetResult();

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(IssueAsync(requestContext));

    /// <summary>Waits for the expiries scheduled so far, surfacing their failures.</summary>
    public Task ExpiriesAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_expiries);
        }
    }

    private async Task<AccessToken> IssueAsync(TokenRequestContext requestContext)
    {
        Scopes = requestContext.Scopes;
        var issuedAt = DateTimeOffset.UtcNow;
        var expiresOn = issuedAt + lifetime;
        var number = Interlocked.Increment(ref _issued);
        var token = UnsignedJwt.Create(new { aud = "https://redis.azure.com", oid = objectId, n = number, iat = issuedAt.ToUnixTimeSeconds(), exp = expiresOn.ToUnixTimeSeconds() });
        await server.AllowAsync(objectId, token);
        lock (_lock)
        {
            if (_current is { } previous)
            {
                _expiries.Add(ExpireAsync(previous.Token, previous.ExpiresOn, issuedAt));
            }

            _current = (token, expiresOn);
        }

        return new AccessToken(token, expiresOn);
    }

    private async Task ExpireAsync(string token, DateTimeOffset expiresOn, DateTimeOffset successorIssuedAt)
    {
        var left = expiresOn - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        await server.ExpireAsync(objectId, token, successorIssuedAt);
    }
}
