using DroneDelivery.Contracts.Geo;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Tracking;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Deliveries.Extensions;

public static class DeliveriesExtensions
{
    /// <summary>
    /// The delivery service's Redis store, the customers' bearer-token authentication, the ETA's
    /// flight speed, the live stream's settings, and webhooks: the events raised where stages and
    /// positions are recorded, and the dispatcher that sends them.
    /// </summary>
    public static IHostApplicationBuilder AddDeliveries(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDeliveryStore(builder.Configuration, ServiceDefaultsExtensions.ReadyTag);
        builder.Services.AddStoreOutageClassifier(StoreOutage.IsOutage);
        builder.Services.AddCallerAuthentication(builder.Configuration);
        builder.Services.Configure<FlightOptions>(builder.Configuration.GetSection(FlightOptions.Section));
        builder.Services.Configure<TrackingStreamOptions>(builder.Configuration.GetSection(TrackingStreamOptions.Section));
        builder.AddWebhooks();
        return builder;
    }

    private static void AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWebhookStore(builder.Configuration);
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton<IDeliveryNotifications, DeliveryNotifications>();
        // One long-lived client: its handler renews connections itself and checks every address it connects to.
        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WebhookOptions>>();
            var handler = WebhookConnections.CreateHandler(options.Value, provider.GetRequiredService<IHostResolver>());
            return new WebhookSender(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, options, provider.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddHostedService<WebhookDispatcher>();
    }
}
