using DroneDelivery.Platform.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;
using OpenTelemetry.Trace;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace DroneDelivery.UnitTests.Telemetry;

/// <summary>
/// Redis command spans come from a profiler attached to the connection, which times every command
/// whether a span is recorded or not: it is attached only when spans are recorded.
/// </summary>
public sealed class RedisCommandSpansTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheConnectionIsProfiled_OnlyWhenSpansAreRecorded(bool recordSpans)
    {
        var redis = Substitute.For<IConnectionMultiplexer>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection([new(TelemetryExtensions.RecordSpansSetting, recordSpans.ToString())]);
        builder.Services.AddSingleton(redis);
        builder.AddTelemetry();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        await host.StopAsync(TestContext.Current.CancellationToken);

        redis.Received(recordSpans ? 1 : 0).RegisterProfiler(Arg.Any<Func<ProfilingSession?>>());
    }

    [Fact]
    public async Task AnAppWithoutRedis_RecordsSpansAllTheSame()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection([new(TelemetryExtensions.RecordSpansSetting, "true")]);
        builder.AddTelemetry();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
