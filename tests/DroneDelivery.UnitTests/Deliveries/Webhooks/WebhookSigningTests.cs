using System.Security.Cryptography;
using System.Text;
using DroneDelivery.Deliveries.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace DroneDelivery.UnitTests.Deliveries.Webhooks;

public sealed class WebhookSigningTests
{
    private const string Body = """{"specversion":"1.0","id":"msg_1","type":"delivery.assigned"}""";

    private readonly string _secret = WebhookSigning.NewSecret();

    [Fact]
    public void Headers_VerifyWithTheStandardWebhooksLibrarysVerifier()
    {
        var headers = Sign(_secret, DateTimeOffset.UtcNow, Body);

        new StandardWebhook(_secret).Verify(Body, headers);
    }

    [Fact]
    public void Signature_IsV1Base64HmacSha256OfIdTimestampAndBody_KeyedWithTheSecretsBytes()
    {
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(1_765_000_000);

        var headers = Sign(_secret, timestamp, Body);

        var key = Convert.FromBase64String(_secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"msg_1.1765000000.{Body}")));
        Assert.Equal("msg_1", headers["webhook-id"]);
        Assert.Equal("1765000000", headers["webhook-timestamp"]);
        Assert.Equal($"v1,{expected}", headers["webhook-signature"]);
    }

    [Fact]
    public void Signature_OfAnAlteredBody_IsRefusedByTheVerifier()
    {
        var headers = Sign(_secret, DateTimeOffset.UtcNow, Body);

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(_secret).Verify(Body.Replace("assigned", "delivered", StringComparison.Ordinal), headers));
    }

    [Fact]
    public void Signature_WithAnotherSubscriptionsSecret_IsRefusedByTheVerifier()
    {
        var headers = Sign(WebhookSigning.NewSecret(), DateTimeOffset.UtcNow, Body);

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(_secret).Verify(Body, headers));
    }

    [Fact]
    public void NewSecret_IsWhsecAnd32RandomBytes_DifferentEachTime()
    {
        Assert.StartsWith("whsec_", _secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(_secret["whsec_".Length..]).Length);
        Assert.NotEqual(_secret, WebhookSigning.NewSecret());
    }

    private static HeaderDictionary Sign(string secret, DateTimeOffset timestamp, string body) =>
        new(WebhookSigning.Headers(secret, "msg_1", timestamp, body).ToDictionary(header => header.Key, header => new Microsoft.Extensions.Primitives.StringValues(header.Value)));
}
