using System.Buffers.Text;
using System.Text.Json;
using Azure.Core;

namespace DroneDelivery.Stores.Redis;

/// <summary>
/// A Microsoft Entra access token as Redis credentials: the identity's object id (the token's
/// <c>oid</c> claim) is the user name, the token itself the password.
/// </summary>
public sealed class RedisToken
{
    private RedisToken(string user, string password, DateTimeOffset acquiredAt, DateTimeOffset expiresOn)
    {
        User = user;
        Password = password;
        AcquiredAt = acquiredAt;
        ExpiresOn = expiresOn;
    }

    public string User { get; }

    public string Password { get; }

    public DateTimeOffset AcquiredAt { get; }

    public DateTimeOffset ExpiresOn { get; }

    /// <summary>When to renew: at three quarters of the lifetime, well before the server closes connections on it.</summary>
    public DateTimeOffset RenewAt => AcquiredAt + ((ExpiresOn - AcquiredAt) * 0.75);

    public static RedisToken From(AccessToken token, DateTimeOffset acquiredAt) =>
        new(ObjectId(token.Token), token.Token, acquiredAt, token.ExpiresOn);

    /// <summary>The <c>oid</c> claim of a JWT's payload (the signature is the server's business, not checked here).</summary>
    public static string ObjectId(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            throw new InvalidOperationException($"Redis: the Microsoft Entra access token is not a JWT (header.payload.signature; it has {parts.Length} part(s)), so it names no object id to sign in as.");
        }

        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new InvalidOperationException("Redis: the Microsoft Entra access token's payload is not base64url-encoded JSON.", exception);
        }

        using (payload)
        {
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("oid", out var oid)
                && oid.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(oid.GetString())
                ? oid.GetString()!
                : throw new InvalidOperationException("Redis: the Microsoft Entra access token has no 'oid' claim; Redis needs the identity's object id as the user name (a managed or workload identity's token carries it).");
        }
    }

    /// <summary>Never the token: it is a secret.</summary>
    public override string ToString() => $"{User} (expires {ExpiresOn:u})";
}
