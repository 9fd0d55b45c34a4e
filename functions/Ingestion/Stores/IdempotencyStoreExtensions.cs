using DroneDelivery.Stores.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.Ingestion.Stores;

public static class IdempotencyStoreExtensions
{
    /// <summary>
    /// Idempotency keys in Redis (<c>Redis__ConnectionString</c>). No readiness check on purpose: a
    /// Redis outage must not take the app out of rotation, its callers carry on without the store.
    /// </summary>
    public static IServiceCollection AddIdempotencyStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRedisConnection(configuration);
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.Section));
        services.AddSingleton<IIdempotencyStore, RedisIdempotencyStore>();
        return services;
    }
}
