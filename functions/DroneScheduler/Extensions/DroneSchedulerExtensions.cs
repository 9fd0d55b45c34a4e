using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.DroneScheduler.Extensions;

public static class DroneSchedulerExtensions
{
    /// <summary>
    /// The scheduler's fleet store, assignment service, the drones' credentials, fleet seeding, the available-drones
    /// gauge, the charger, and for the admins' fleet routes maintenance and their bearer tokens.
    /// </summary>
    public static IHostApplicationBuilder AddDroneScheduler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDroneStore(builder.Configuration, ServiceDefaultsExtensions.ReadyTag);
        builder.Services.AddStoreOutageClassifier(CosmosOutage.IsOutage);
        builder.Services.Configure<FleetOptions>(builder.Configuration.GetSection(FleetOptions.Section));
        builder.Services.AddSingleton<DroneAssigner>();
        builder.Services.AddSingleton<FleetCredentials>();
        builder.Services.AddSingleton<FleetMaintenance>();
        builder.Services.AddCallerAuthentication(builder.Configuration);
        builder.Services.AddHostedService<FleetSeeder>();
        builder.Services.AddHostedService<FleetAvailabilityMonitor>();
        builder.Services.AddHostedService<FleetCharger>();
        return builder;
    }
}
