using System.Net;
using System.Net.Sockets;
using DroneDelivery.Contracts.Validation;

namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>
/// The rules a receiver's URL must meet, at registration and again on every send: absolute,
/// <c>https</c> (or <c>http</c> to a loopback host where <see cref="WebhookOptions.AllowLoopbackHttp"/>
/// is on), no user name or password, no fragment, and a host whose every address is allowed
/// (<see cref="WebhookAddresses"/>) — the check is made on what the name resolves to, not on its spelling.
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 2048;

    /// <summary>How long a registration waits for the host name to resolve.</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The URL when it may be registered; otherwise why not, under the field <c>url</c>.</summary>
    public static async Task<(Uri? Url, ValidationErrors Errors)> ValidateAsync(
        string? text, WebhookOptions options, IHostResolver resolver, CancellationToken cancellationToken)
    {
        if (ShapeError(text, options.AllowLoopbackHttp, out var url) is { } shape)
        {
            return (null, ValidationErrors.For("url", shape));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(url!.IdnHost, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException or ArgumentException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, ValidationErrors.For("url", "its host name does not resolve"));
        }

        return AddressError(addresses, options.AllowLoopbackHttp) is { } refused
            ? (null, ValidationErrors.For("url", refused))
            : (url, new ValidationErrors());
    }

    /// <summary>Why the URL's form is not allowed (scheme, parts, length), or null when it is.</summary>
    public static string? ShapeError(string? text, bool allowLoopbackHttp, out Uri? url)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "is required";
        }

        if (text.Length > MaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var parsed))
        {
            return $"must be an absolute URL of at most {MaxLength} characters";
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && !(allowLoopbackHttp && parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback))
        {
            return allowLoopbackHttp ? "must be an https URL (or http to a loopback host)" : "must be an https URL";
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo) || !string.IsNullOrEmpty(parsed.Fragment))
        {
            return "must not carry a user name, password or fragment";
        }

        url = parsed;
        return null;
    }

    /// <summary>Why these addresses may not be sent to (none, or one refused), or null when all are allowed.</summary>
    public static string? AddressError(IReadOnlyCollection<IPAddress> addresses, bool allowLoopback) =>
        addresses.Count == 0 ? "its host name does not resolve"
        : addresses.All(address => WebhookAddresses.IsAllowed(address, allowLoopback)) ? null
        : "must resolve to public addresses only (not loopback, private, link-local or reserved)";
}
