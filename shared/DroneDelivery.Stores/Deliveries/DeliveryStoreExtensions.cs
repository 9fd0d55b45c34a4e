using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Deliveries;

public static class DeliveryStoreExtensions
{
    /// <summary>The Redis delivery store; <c>Redis__ConnectionString</c> names Azure Cache for Redis, a Redis server or the embedded Garnet.</summary>
    public static IServiceCollection AddDeliveryStore(this IServiceCollection services, IConfiguration configuration, string readyTag)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var connectionString = configuration[$"{RedisOptions.Section}:ConnectionString"];
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Set Redis__ConnectionString (the local host starts an embedded Garnet and sets it).");
            }

            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        // Redis command spans, drained from the multiplexer's profiler at least every second.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddRedisInstrumentation(redis => redis.FlushInterval = TimeSpan.FromSeconds(1)));
        services.AddSingleton<IDeliveryRepository, RedisDeliveryRepository>();
        services.AddSingleton<ITrackingRepository, RedisTrackingRepository>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [readyTag]);
        return services;
    }
}
