using DroneDelivery.Contracts.Geo;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Deliveries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Deliveries.Extensions;

public static class DeliveryExtensions
{
    /// <summary>The delivery service's Redis store and the customers' bearer-token authentication.</summary>
    public static IHostApplicationBuilder AddDeliveryService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDeliveryStore(builder.Configuration, ServiceDefaultsExtensions.ReadyTag);
        builder.Services.AddCallerAuthentication(builder.Configuration);
        builder.Services.Configure<FlightOptions>(builder.Configuration.GetSection(FlightOptions.Section));
        return builder;
    }
}
