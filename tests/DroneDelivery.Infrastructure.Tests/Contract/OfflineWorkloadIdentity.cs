using Azure.Core;

namespace DroneDelivery.Infrastructure.Tests.Contract;

/// <summary>
/// The app's workload identity as its Azure clients see it, without Entra ID: tokens shaped like
/// Entra's (an <c>oid</c>, an hour's lifetime) that no service would accept, so composing an app
/// needs no network.
/// </summary>
public sealed class OfflineWorkloadIdentity(string clientId) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        return new AccessToken(UnsignedJwt.Create(new { oid = clientId, aud = requestContext.Scopes[0], exp = expires.ToUnixTimeSeconds() }), expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
