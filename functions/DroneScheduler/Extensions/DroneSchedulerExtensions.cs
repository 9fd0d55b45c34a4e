using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Stores;
using DroneDelivery.Stores.Drones;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.DroneScheduler.Extensions;

public static class DroneSchedulerExtensions
{
    /// <summary>The scheduler's fleet store, assignment service, the drones' credentials, fleet seeding and the available-drones gauge.</summary>
    public static IHostApplicationBuilder AddDroneScheduler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDroneStore(builder.Configuration, ServiceDefaultsExtensions.ReadyTag);
        builder.Services.AddStoreOutageClassifier(StoreOutage.IsOutage);
        builder.Services.Configure<FleetOptions>(builder.Configuration.GetSection(FleetOptions.Section));
        builder.Services.AddSingleton<DroneAssigner>();
        builder.Services.AddSingleton<FleetCredentials>();
        builder.Services.AddHostedService<FleetSeeder>();
        builder.Services.AddHostedService<FleetAvailabilityMonitor>();
        return builder;
    }
}
