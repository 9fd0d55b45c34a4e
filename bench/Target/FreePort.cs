using System.Net;
using System.Net.Sockets;

namespace DroneDelivery.Bench.Target;

/// <summary>
/// A loopback port nobody listens on, chosen below Linux's ephemeral range (32768–60999): the
/// child host's in-memory Durable sidecar binds port 0 while it starts, and the kernel may hand it
/// an ephemeral port the bench has just probed and released — the host's own port.
/// </summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;

    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }
}
