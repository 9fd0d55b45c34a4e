using DroneDelivery.Stores.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.Deliveries.Stores;

public static class DeliveryStoreExtensions
{
    /// <summary>The Redis delivery store; <c>Redis__ConnectionString</c> names Azure Cache for Redis, a Redis server or the embedded Garnet.</summary>
    public static IServiceCollection AddDeliveryStore(this IServiceCollection services, IConfiguration configuration, string readyTag)
    {
        services.AddRedisConnection(configuration);
        services.AddSingleton<IDeliveryRepository, RedisDeliveryRepository>();
        services.AddSingleton<ITrackingRepository, RedisTrackingRepository>();
        services.AddSingleton<IDroneTimeLedger, RedisDroneTimeLedger>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [readyTag]);
        return services;
    }
}
