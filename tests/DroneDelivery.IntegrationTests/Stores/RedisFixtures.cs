using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.Support;
using StackExchange.Redis;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>A Redis-speaking server for the delivery store tests.</summary>
public abstract class RedisFixture : IAsyncLifetime
{
    public IConnectionMultiplexer? Connection { get; private set; }

    /// <summary>Why the server is not there, when the tests must skip.</summary>
    public string? SkipReason { get; protected set; }

    public async ValueTask InitializeAsync()
    {
        var connectionString = await StartServerAsync();
        if (connectionString is not null)
        {
            // The store's behaviour is under test, not its latency: on a loaded two-core machine a
            // server can stall past the client's default 5 s, so these connections wait longer.
            var options = ConfigurationOptions.Parse(connectionString);
            options.AsyncTimeout = options.SyncTimeout = (int)TimeSpan.FromSeconds(20).TotalMilliseconds;
            Connection = await ConnectionMultiplexer.ConnectAsync(options);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract Task<string?> StartServerAsync();
}

/// <summary>Embedded Garnet: what the local host uses.</summary>
public sealed class GarnetFixture : RedisFixture
{
    private EmbeddedRedis? _garnet;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _garnet?.Dispose();
    }

    protected override Task<string?> StartServerAsync()
    {
        _garnet = EmbeddedRedis.Start();
        return Task.FromResult<string?>(_garnet.ConnectionString);
    }
}

/// <summary>Debian's redis-server: the real thing the production store talks to.</summary>
public sealed class RedisServerFixture : RedisFixture
{
    private RedisServerProcess? _server;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override async Task<string?> StartServerAsync()
    {
        var executable = RedisServerProcess.FindExecutable();
        if (executable is null)
        {
            if (RedisServerProcess.Required)
            {
                throw new InvalidOperationException("REQUIRE_REDIS_SERVER=1 but redis-server is not installed (apt-get install redis-server).");
            }

            SkipReason = "redis-server is not installed; CI installs it and sets REQUIRE_REDIS_SERVER=1";
            return null;
        }

        _server = await RedisServerProcess.StartAsync(executable);
        return _server.ConnectionString;
    }
}
