using DroneDelivery.Packages.Stores;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Platform.Pipeline;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Packages.Extensions;

public static class PackagesExtensions
{
    /// <summary>The package service's store: MongoDB when configured, embedded LiteDB otherwise.</summary>
    public static IHostApplicationBuilder AddPackages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPackageStore(builder.Configuration, ServiceDefaultsExtensions.ReadyTag);
        builder.Services.AddStoreOutageClassifier(MongoOutage.IsOutage);
        return builder;
    }
}
