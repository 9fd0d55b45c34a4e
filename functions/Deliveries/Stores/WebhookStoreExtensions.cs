using DroneDelivery.Stores.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.Deliveries.Stores;

public static class WebhookStoreExtensions
{
    /// <summary>Webhook subscriptions, their attempts and the outbox, in the delivery service's Redis.</summary>
    public static IServiceCollection AddWebhookStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRedisConnection(configuration);
        services.AddSingleton<RedisWebhookStore>();
        services.AddSingleton<IWebhookRepository>(provider => provider.GetRequiredService<RedisWebhookStore>());
        services.AddSingleton<IWebhookOutbox>(provider => provider.GetRequiredService<RedisWebhookStore>());
        return services;
    }
}
