using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Ingestion.Stores;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Ingestion.Extensions;

public static class IngestionExtensions
{
    /// <summary>
    /// Ingestion's services: the queue sender (unless the local host registered its in-process
    /// queue first), the delivery service client it checks reschedule and cancel requests with, and
    /// the customers' bearer-token authentication, the idempotency keys in Redis (<c>Redis__ConnectionString</c>)
    /// and the secret delivery ids are derived with (<c>Idempotency__DeliveryIdKey</c>, required).
    /// </summary>
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.Any(service => service.ServiceType == typeof(IQueueSender)))
        {
            builder.Services.AddServiceBusQueueSender(builder.Configuration);
        }

        builder.Services.AddDeliveryServiceClient(builder.Configuration);
        builder.Services.AddCallerAuthentication(builder.Configuration);
        builder.Services.AddIdempotencyStore(builder.Configuration);
        builder.Services.AddSingleton<IdempotentRequests>();
        AddDeliveryIds(builder);
        return builder;
    }

    /// <summary>
    /// The delivery-id secret (<see cref="DeliveryIds.Setting"/>) is required: the app does not start
    /// without it, as without its other required settings (the local host generates one; a
    /// <c>func start</c> reads the local-only value in local.settings.json; the chart mounts it from Key Vault).
    /// </summary>
    private static void AddDeliveryIds(IHostApplicationBuilder builder)
    {
        var setting = $"{IdempotencyOptions.Section}:{nameof(IdempotencyOptions.DeliveryIdKey)}";
        if (string.IsNullOrWhiteSpace(builder.Configuration[setting]))
        {
            throw new InvalidOperationException(
                $"Set {DeliveryIds.Setting} to a secret of at least {DeliveryIds.MinKeyLength} characters: delivery ids are derived from Idempotency-Keys with it (HMAC-SHA256).");
        }

        builder.Services.AddSingleton<DeliveryIds>();
    }
}
