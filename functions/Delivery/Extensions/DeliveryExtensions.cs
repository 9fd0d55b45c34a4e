using DroneDelivery.Contracts.Geo;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Stores.Deliveries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Deliveries.Extensions;

public static class DeliveryExtensions
{
    /// <summary>The delivery service's Redis store.</summary>
    public static IHostApplicationBuilder AddDeliveryService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDeliveryStore(builder.Configuration, ServiceDefaultsExtensions.ReadyTag);
        builder.Services.Configure<FlightOptions>(builder.Configuration.GetSection(FlightOptions.Section));
        return builder;
    }
}
