using System.Diagnostics;
using Azure.Core;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Ingestion.Stores;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Stores.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>
/// <c>Redis__Authentication=EntraId</c> against Debian's redis-server acting like Azure Cache for
/// Redis with Microsoft Entra ID (<see cref="EntraIdRedisServer"/>), with tokens that live seconds
/// instead of hours. Alone: the renewal has a quarter of a 6 s lifetime to land.
/// </summary>
[Collection(nameof(HeavyLoadCollection))]
public sealed class RedisEntraIdRotationTests(ITestOutputHelper output)
{
    private const string ObjectId = "0b5c7e3a-91d2-4f6e-a8b4-3c2d1e0f9a87";
    private const string ReadyTag = "ready";
    private static readonly TimeSpan s_tokenLifetime = TimeSpan.FromSeconds(6);
    private const int ExpiriesToSee = 4;

    /// <summary>
    /// Each app's access on the cache (infra/modules/access/workloads.bicep) as ACL rules: delivery
    /// every key (its 'Data Contributor' assignment), ingestion the 'Idempotency Keys' policy.
    /// </summary>
    private static readonly Dictionary<string, string[]> s_accessPolicies = new(StringComparer.Ordinal)
    {
        ["delivery"] = ["~*", "&*", "+@all"],
        ["ingestion"] = ["resetchannels", "-@all", "+@connection", "+get", "+set", "~idempotency:*"],
    };

    [Theory]
    [InlineData("delivery")]
    [InlineData("ingestion")]
    public async Task Stores_KeepAnswering_WhileTokensAreRenewedAndConnectionsOnExpiredOnesAreClosed(string app)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await StartServerAsync(s_accessPolicies[app]);
        Assert.StartsWith("-NOAUTH", await server.UnauthenticatedPingAsync(), StringComparison.Ordinal);
        var credential = new RotatingTokenCredential(server, ObjectId, s_tokenLifetime);
        var logs = new CapturingLoggerProvider();
        var calls = 0L;
        var failures = new List<string>();
        var connectionsAtTheEnd = 0;
        var clock = Stopwatch.StartNew();

        await using (var services = Services(app, server.ConnectionString, credential, logs))
        {
            var deliveries = services.GetService<IDeliveryRepository>();
            var keys = services.GetService<IIdempotencyStore>();
            var health = services.GetService<HealthCheckService>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

            async Task CallAsync(string name, Func<Task> call)
            {
                try
                {
                    await call();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    lock (failures)
                    {
                        failures.Add($"{name}: {exception.GetType().Name}: {exception.Message}");
                    }
                }

                Interlocked.Increment(ref calls);
            }

            async Task RunAsync(int worker)
            {
                for (var round = 0; !stop.IsCancellationRequested; round++)
                {
                    if (keys is not null)
                    {
                        var key = $"{worker}-{round}-{Guid.NewGuid():N}";
                        await CallAsync("add key", () => keys.AddAsync(key, new StoredAnswer("fingerprint", 202, null, "application/json", "{}"), cancellationToken));
                        await CallAsync("get key", () => keys.GetAsync(key, cancellationToken));
                    }

                    if (deliveries is not null)
                    {
                        var delivery = NewDelivery();
                        await CallAsync("upsert", () => deliveries.UpsertAsync(delivery, cancellationToken));
                        await CallAsync("get", () => deliveries.GetAsync(delivery.Id, cancellationToken));
                        await CallAsync("patch", () => deliveries.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null), cancellationToken));
                    }

                    if (health is not null && round % 20 == 0)
                    {
                        await CallAsync("readiness", async () =>
                        {
                            var report = await health.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), cancellationToken);
                            Assert.Equal(HealthStatus.Healthy, report.Status);
                        });
                    }
                }
            }

            await CallAsync("first call", async () =>
            {
                _ = keys is null ? null : await keys.GetAsync("none", cancellationToken);
                _ = deliveries is null ? null : await deliveries.GetAsync("none", cancellationToken);
            });
            var connections = (await server.ClientsAsync(ObjectId)).Count;
            var workers = Enumerable.Range(0, 3).Select(worker => Task.Run(() => RunAsync(worker), cancellationToken)).ToList();
            var deadline = TimeSpan.FromSeconds(90);
            while (server.TokensExpired < ExpiriesToSee && clock.Elapsed < deadline && workers.All(worker => !worker.IsCompleted))
            {
                await Task.Delay(100, cancellationToken);
            }

            await stop.CancelAsync();
            await Task.WhenAll(workers);

            // The connections closed on an expired token come back, signed in with a current one.
            for (var attempt = 0; attempt < 50 && connectionsAtTheEnd != connections; attempt++)
            {
                await Task.Delay(100, cancellationToken);
                connectionsAtTheEnd = (await server.ClientsAsync(ObjectId)).Count;
            }

            Assert.Equal(connections, connectionsAtTheEnd);
        }

        clock.Stop();
        await credential.ExpiriesAsync();
        var failedSignIns = await server.FailedSignInsAsync(ObjectId);
        var troubles = logs.Logs.Where(log => log.Category == typeof(EntraIdAuthentication).FullName && log.Level >= LogLevel.Warning).ToList();
        output.WriteLine(
            $"Redis Entra ID sign-in of {app} over {clock.Elapsed.TotalSeconds:F1} s with {s_tokenLifetime.TotalSeconds:F0} s tokens: "
            + $"{credential.Issued - 1} rotations, {server.TokensExpired} expiries enforced, {calls} calls ({calls / clock.Elapsed.TotalSeconds:F0}/s), {failures.Count} failures; "
            + $"{server.ConnectionsClosed} connections closed on an expired token ({server.SubscriptionConnectionsClosed} of them subscription connections), {connectionsAtTheEnd} open at the end, "
            + $"{failedSignIns} failed sign-ins in ACL LOG, {troubles.Count} renewal warnings.");
        foreach (var line in server.Closed.Concat(failures.Take(10)).Concat(troubles.Take(10).Select(log => log.Message)))
        {
            output.WriteLine(line);
        }

        Assert.Equal([EntraIdAuthentication.Scope], credential.Scopes);
        Assert.True(server.TokensExpired >= ExpiriesToSee, $"only {server.TokensExpired} token expiries within the deadline");
        Assert.True(credential.Issued - 1 >= 3, $"only {credential.Issued - 1} rotations");
        Assert.True(calls >= 1000, $"only {calls} calls");
        Assert.Empty(failures);
        // Every command connection was re-authenticated in time; only subscription connections (no AUTH once subscribed) had to reconnect.
        Assert.Equal(server.SubscriptionConnectionsClosed, server.ConnectionsClosed);
        Assert.Equal(0, failedSignIns);
        Assert.Empty(troubles);
    }

    /// <summary>The control: without renewal, the emulated expiry does take the connection down.</summary>
    [Fact]
    public async Task AConnectionThatKeepsItsFirstToken_IsClosedWhenItExpires_AndCannotSignInAgain()
    {
        await using var server = await StartServerAsync(s_accessPolicies["delivery"]);
        var credential = new RotatingTokenCredential(server, ObjectId, TimeSpan.FromMinutes(5));
        var token = await credential.GetTokenAsync(new TokenRequestContext([EntraIdAuthentication.Scope]), TestContext.Current.CancellationToken);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { server.ConnectionString },
            User = ObjectId,
            Password = token.Token,
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
        });
        await redis.GetDatabase().StringSetAsync("control", "signed in");

        await server.ExpireAsync(ObjectId, token.Token, DateTimeOffset.UtcNow);

        await Assert.ThrowsAnyAsync<Exception>(() => redis.GetDatabase().StringGetAsync("control"));
        Assert.True(server.ConnectionsClosed >= 1);
        var failedSignIns = 0;
        for (var attempt = 0; attempt < 100 && failedSignIns == 0; attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            failedSignIns = await server.FailedSignInsAsync(ObjectId);
        }

        Assert.True(failedSignIns >= 1, "the reconnect with the expired token was not refused");
    }

    private static async Task<EntraIdRedisServer> StartServerAsync(string[] permissions)
    {
        var executable = RedisServerProcess.FindExecutable();
        if (executable is null)
        {
            Assert.SkipUnless(RedisServerProcess.Required, "redis-server is not installed; CI installs it and sets REQUIRE_REDIS_SERVER=1");
            throw new InvalidOperationException("REQUIRE_REDIS_SERVER=1 but redis-server is not installed (apt-get install redis-server).");
        }

        return await EntraIdRedisServer.StartAsync(executable, permissions);
    }

    /// <summary>The app's Redis services as it registers them, signing in with <paramref name="credential"/>.</summary>
    private static ServiceProvider Services(string app, string connectionString, TokenCredential credential, ILoggerProvider logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = connectionString,
            ["Redis:Authentication"] = nameof(RedisAuthentication.EntraId),
            // The sign-in is under test, not latency: a loaded two-core machine can stall the server past 5 s.
            ["Redis:OperationTimeout"] = "00:00:20",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information))
            .AddSingleton(credential);
        if (app == "delivery")
        {
            services.AddDeliveryStore(configuration, ReadyTag);
        }
        else
        {
            services.AddIdempotencyStore(configuration);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static Delivery NewDelivery() => new(
        Guid.NewGuid().ToString("N"), "owner-1", new Location(47.64, -122.13), new Location(47.61, -122.2),
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(6), false, ConfirmationType.None, "pkg-1", "drone-0001", DeliveryStage.Created,
        CreatedAt: DateTimeOffset.UtcNow);
}
