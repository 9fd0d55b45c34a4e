using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>
/// Debian's redis-server acting like Azure Cache for Redis with Microsoft Entra ID and access keys
/// off: the default user has a password only the test knows (unauthenticated calls fail with
/// NOAUTH), the identity is an ACL user named after its object id whose passwords are its tokens,
/// and when a token expires the server stops accepting it and closes every connection of the user
/// that has not authenticated since its successor was issued (tracked with <see cref="RedisMonitor"/>).
/// </summary>
public sealed class EntraIdRedisServer : IAsyncDisposable
{
    private const string AdminPassword = "default-user-password-of-the-test";

    private readonly RedisServerProcess _server;
    private readonly ConnectionMultiplexer _admin;
    private readonly RedisMonitor _monitor;
    private readonly string[] _permissions;
    private readonly ConcurrentQueue<string> _closed = new();
    private int _tokensExpired;
    private int _connectionsClosed;
    private int _subscriptionConnectionsClosed;

    private EntraIdRedisServer(RedisServerProcess server, ConnectionMultiplexer admin, RedisMonitor monitor, string[] permissions)
    {
        _server = server;
        _admin = admin;
        _monitor = monitor;
        _permissions = permissions;
    }

    public string ConnectionString => _server.ConnectionString;

    /// <summary>Tokens whose expiry was enforced (password removed, connections still on it closed).</summary>
    public int TokensExpired => Volatile.Read(ref _tokensExpired);

    /// <summary>Connections closed because they still ran on an expired token.</summary>
    public int ConnectionsClosed => Volatile.Read(ref _connectionsClosed);

    /// <summary>What each closed connection was doing and when it last authenticated.</summary>
    public IEnumerable<string> Closed => _closed;

    /// <summary>
    /// Of <see cref="ConnectionsClosed"/>, the multiplexer's subscription connections (subscribed, or
    /// refused SUBSCRIBE by the access policy): the client re-authenticates only its command
    /// connections, these reconnect.
    /// </summary>
    public int SubscriptionConnectionsClosed => Volatile.Read(ref _subscriptionConnectionsClosed);

    /// <summary>Starts the server; <paramref name="permissions"/> are the identity's ACL rules (its access policy).</summary>
    public static async Task<EntraIdRedisServer> StartAsync(string executable, string[] permissions)
    {
        var server = await RedisServerProcess.StartAsync(executable);
        // The default user starts without a password (any password is accepted), so the test's own
        // connections can use the one they keep once it is set.
        var admin = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { server.ConnectionString },
            Password = AdminPassword,
            AllowAdmin = true,
            AsyncTimeout = 20_000,
            SyncTimeout = 20_000,
        });
        await Server(admin).ExecuteAsync("ACL", "SETUSER", "default", "on", "resetpass", ">" + AdminPassword);
        var monitor = await RedisMonitor.StartAsync(server.Port, AdminPassword);
        return new EntraIdRedisServer(server, admin, monitor, permissions);
    }

    /// <summary>The identity may sign in with <paramref name="token"/> (the user is created on the first one).</summary>
    public Task AllowAsync(string objectId, string token)
    {
        object[] arguments = ["SETUSER", objectId, "on", ">" + token, .. _permissions];
        return Server(_admin).ExecuteAsync("ACL", arguments);
    }

    /// <summary>
    /// <paramref name="token"/> has expired: it no longer signs in, and connections of the user that
    /// have not authenticated since <paramref name="successorIssuedAt"/> are closed.
    /// </summary>
    public async Task ExpireAsync(string objectId, string token, DateTimeOffset successorIssuedAt)
    {
        var server = Server(_admin);
        await server.ExecuteAsync("ACL", "SETUSER", objectId, "<" + token);
        await _monitor.CatchUpAsync(marker => server.ExecuteAsync("ECHO", marker));
        foreach (var client in await ClientsAsync(objectId))
        {
            if (_monitor.LastAuthentication(client["addr"]) is { } authenticatedAt && authenticatedAt >= successorIssuedAt)
            {
                continue;
            }

            await server.ExecuteAsync("CLIENT", "KILL", "ID", client["id"]);
            Interlocked.Increment(ref _connectionsClosed);
            _closed.Enqueue($"closed {client["addr"]} (sub={client["sub"]}, age={client["age"]} s, last command {client["cmd"]}): "
                + $"last authenticated {_monitor.LastAuthentication(client["addr"]):HH:mm:ss.ffffff}, the token's successor issued {successorIssuedAt:HH:mm:ss.ffffff}, closed {DateTimeOffset.UtcNow:HH:mm:ss.ffffff}");
            if (client["sub"] != "0" || client["psub"] != "0" || client["cmd"] is "subscribe" or "psubscribe")
            {
                Interlocked.Increment(ref _subscriptionConnectionsClosed);
            }
        }

        Interlocked.Increment(ref _tokensExpired);
    }

    /// <summary>The open connections signed in as <paramref name="objectId"/>: <c>CLIENT LIST</c>'s fields of each.</summary>
    public async Task<IReadOnlyList<Dictionary<string, string>>> ClientsAsync(string objectId) =>
        [.. ((string)(await Server(_admin).ExecuteAsync("CLIENT", "LIST"))!)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ').Select(field => field.Split('=', 2)).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal))
            .Where(client => client["user"] == objectId)];

    /// <summary>The server's answer to a <c>PING</c> on a connection that has not signed in.</summary>
    public async Task<string?> UnauthenticatedPingAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadLineAsync();
    }

    /// <summary>Failed sign-ins of the user recorded in <c>ACL LOG</c>.</summary>
    public async Task<int> FailedSignInsAsync(string objectId)
    {
        var entries = (RedisResult[])(await Server(_admin).ExecuteAsync("ACL", "LOG"))!;
        return entries
            .Select(entry => ((RedisResult[])entry!).Chunk(2).ToDictionary(pair => (string)pair[0]!, pair => pair[1].ToString(), StringComparer.Ordinal))
            .Count(entry => entry["reason"] == "auth" && entry["username"] == objectId);
    }

    private static IServer Server(ConnectionMultiplexer connection) => connection.GetServers().Single();

    public async ValueTask DisposeAsync()
    {
        await _monitor.DisposeAsync();
        await _admin.DisposeAsync();
        await _server.DisposeAsync();
    }
}
