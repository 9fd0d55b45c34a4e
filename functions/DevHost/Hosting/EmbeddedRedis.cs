using System.Net;
using System.Net.Sockets;
using Garnet;
using Garnet.common;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// An embedded Garnet server on a free loopback port: the local stand-in for Azure Cache for
/// Redis. It speaks RESP, so the delivery store's StackExchange.Redis code runs unchanged.
/// Given a folder it keeps an append-only file there, committed on every write (<c>--aof --aof-commit-freq 0</c>),
/// and replays it when it starts again (<c>--recover</c>): the delivery records and tracking survive a restart,
/// also after the host was killed. Without one it keeps everything in memory.
/// </summary>
public sealed class EmbeddedRedis : IDisposable
{
    private readonly GarnetServer _server;

    private EmbeddedRedis(GarnetServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static EmbeddedRedis Start(string? dataDirectory = null)
    {
        // A free port can be taken between choosing it and binding it (hosts starting side by side): choose again.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            List<string> args = ["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua"];
            if (dataDirectory is not null)
            {
                var folder = Path.GetFullPath(dataDirectory);
                Directory.CreateDirectory(folder);
                // RandomAccess: the managed file device (the native one needs libaio, which Debian ships under another name).
                args.AddRange(["--aof", "--aof-commit-freq", "0", "--checkpointdir", folder, "--recover", "--device-type", "RandomAccess"]);
            }

            var server = new GarnetServer([.. args]);
            try
            {
                server.Start();
                return new EmbeddedRedis(server, port);
            }
            catch (GarnetException exception) when (attempt < 5 && exception.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                server.Dispose();
            }
        }
    }

    public void Dispose() => _server.Dispose();

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
