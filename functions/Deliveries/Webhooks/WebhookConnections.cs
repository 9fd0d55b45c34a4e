using System.Net;
using System.Net.Sockets;

namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>
/// The HTTP handler webhooks are sent with. It resolves the receiver's host itself and connects only
/// when every address is allowed (<see cref="WebhookUrls.AddressError"/>), so a name that resolved to
/// a public address at registration and to an internal one now (DNS rebinding) is refused at
/// connect time, and the address checked is the address connected to. No redirects are followed
/// (a 3xx is a failed attempt), no proxy is used (it would connect on the handler's behalf), and
/// no cookies are kept.
/// </summary>
public static class WebhookConnections
{
    public static SocketsHttpHandler CreateHandler(WebhookOptions options, IHostResolver resolver) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = options.AttemptTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options.AllowLoopbackHttp, resolver, cancellationToken),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowLoopback, IHostResolver resolver, CancellationToken cancellationToken)
    {
        var addresses = await resolver.ResolveAsync(endPoint.Host, cancellationToken);
        if (WebhookUrls.AddressError(addresses, allowLoopback) is { } refused)
        {
            throw new WebhookAddressRefusedException($"The receiver's host {refused}.");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, endPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}

/// <summary>A receiver's host resolved to an address webhooks may not be sent to.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
