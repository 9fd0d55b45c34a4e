using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Ingestion.Extensions;

public static class IngestionExtensions
{
    /// <summary>
    /// Ingestion's services: the queue sender (unless the local host registered its in-process
    /// queue first), the delivery service client it checks reschedule and cancel requests with, and
    /// the customers' bearer-token authentication, and the idempotency keys in Redis (<c>Redis__ConnectionString</c>).
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
        return builder;
    }
}
