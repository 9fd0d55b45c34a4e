using DroneDelivery.Contracts.Geo;
using DroneDelivery.Deliveries.Tracking;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Deliveries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Deliveries.Extensions;

public static class DeliveryExtensions
{
    /// <summary>The delivery service's Redis store, the customers' bearer-token authentication, the ETA's flight speed and the live stream's settings.</summary>
    public static IHostApplicationBuilder AddDeliveryService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDeliveryStore(builder.Configuration, ServiceDefaultsExtensions.ReadyTag);
        builder.Services.AddCallerAuthentication(builder.Configuration);
        builder.Services.Configure<FlightOptions>(builder.Configuration.GetSection(FlightOptions.Section));
        builder.Services.Configure<TrackingStreamOptions>(builder.Configuration.GetSection(TrackingStreamOptions.Section));
        return builder;
    }
}
