using DroneDelivery.Platform.Messaging;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Ingestion.Extensions;

public static class IngestionExtensions
{
    /// <summary>Ingestion's services; the local host calls this too, after registering its in-process queue.</summary>
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.Any(service => service.ServiceType == typeof(IQueueSender)))
        {
            builder.Services.AddServiceBusQueueSender(builder.Configuration);
        }

        return builder;
    }
}
