using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Packages.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Trace;

namespace DroneDelivery.DevHost.Stores;

/// <summary>
/// The local stand-ins for Cosmos DB and MongoDB: LiteDB stores registered before the apps' own
/// registrations, which then keep them (production registrations require their settings). A
/// <c>Cosmos__Endpoint</c> / <c>Cosmos__ConnectionString</c> or <c>Mongo__ConnectionString</c>
/// given to the local host takes the real store instead.
/// </summary>
public static class EmbeddedStores
{
    public static void AddEmbeddedStores(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var useDrones = !DroneStoreExtensions.IsConfigured(configuration);
        var usePackages = !PackageStoreExtensions.IsConfigured(configuration);
        if (!useDrones && !usePackages)
        {
            return;
        }

        builder.Services.TryAddSingleton(_ => new EmbeddedDatabases(EmbeddedDatabases.DirectoryFrom(configuration)));
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(StoreTelemetry.SourceName));
        if (useDrones)
        {
            builder.Services.AddSingleton(provider => TracedStore<IDroneRepository>.Wrap(
                new LiteDbDroneRepository(provider.GetRequiredService<EmbeddedDatabases>().Open("drones")),
                "litedb",
                "drones"));
            builder.Services.AddSingleton(provider => TracedStore<IDroneCredentialRepository>.Wrap(
                new LiteDbDroneCredentialRepository(provider.GetRequiredService<EmbeddedDatabases>().Open("drones")),
                "litedb",
                "dronecredentials"));
        }

        if (usePackages)
        {
            builder.Services.AddSingleton(provider => TracedStore<IPackageRepository>.Wrap(
                new LiteDbPackageRepository(provider.GetRequiredService<EmbeddedDatabases>().Open("packages")),
                "litedb",
                "packages"));
        }
    }
}
