using System.Globalization;
using System.Security.Cryptography;
using StandardWebhooks;

namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds of this
/// attempt) and <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>,
/// keyed with the bytes of the subscription's secret after <c>whsec_</c>.
/// </summary>
public static class WebhookSigning
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static IReadOnlyList<KeyValuePair<string, string>> Headers(string secret, string messageId, DateTimeOffset timestamp, string body) =>
    [
        new(IdHeader, messageId),
        new(TimestampHeader, timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        new(SignatureHeader, new StandardWebhook(secret).Sign(messageId, timestamp, body)),
    ];
}
