using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>The local host on a real redis-server (instead of Garnet) that a test can stop and start again.</summary>
public sealed class RedisServerHostFixture : LocalHostFixture, IAsyncLifetime
{
    public RedisServerProcess? Redis { get; private set; }

    /// <summary>Why the tests must skip: no redis-server on this machine (and CI does not demand it).</summary>
    public string? SkipReason { get; private set; }

    protected override string[] Settings => ["--Redis:ConnectionString", Redis!.ConnectionString];

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        var executable = RedisServerProcess.FindExecutable();
        if (executable is null)
        {
            Assert.False(RedisServerProcess.Required, "REQUIRE_REDIS_SERVER=1 but redis-server is not installed");
            SkipReason = "redis-server is not installed";
            return;
        }

        Redis = await RedisServerProcess.StartAsync(executable);
        await InitializeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (Redis is not null)
        {
            await DisposeAsync();
            await Redis.DisposeAsync();
        }
    }
}
