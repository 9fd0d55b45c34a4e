using System.Net;
using System.Net.Sockets;
using Garnet;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// An embedded Garnet server on a free loopback port: the local stand-in for Azure Cache for
/// Redis. It speaks RESP, so the delivery store's StackExchange.Redis code runs unchanged.
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

    public static EmbeddedRedis Start()
    {
        var port = FreeLoopbackPort();
        var server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua"]);
        server.Start();
        return new EmbeddedRedis(server, port);
    }

    public void Dispose() => _server.Dispose();

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
