using DroneDelivery.Stores.Embedded;
using DroneDelivery.Stores.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using OpenTelemetry.Trace;

namespace DroneDelivery.Stores.Packages;

public static class PackageStoreExtensions
{
    /// <summary>MongoDB when <c>Mongo__ConnectionString</c> is set, otherwise the embedded LiteDB store.</summary>
    public static IServiceCollection AddPackageStore(this IServiceCollection services, IConfiguration configuration, string readyTag)
    {
        var connectionString = configuration["Mongo:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddEmbeddedDatabases(configuration);
            services.AddSingleton(provider => TracedStore<IPackageRepository>.Wrap(
                new LiteDbPackageRepository(provider.GetRequiredService<EmbeddedDatabases>().Open("packages").GetCollection<PackageDocument>("packages")),
                "litedb",
                "packages"));
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(StoreTelemetry.SourceName));
            return services;
        }

        var databaseName = configuration["Mongo:Database"] ?? "packages";
        services.AddSingleton<IMongoClient>(_ => new MongoClient(connectionString));
        services.AddSingleton(provider => provider.GetRequiredService<IMongoClient>().GetDatabase(databaseName).GetCollection<PackageDocument>("packages"));
        services.AddSingleton<IPackageRepository, MongoPackageRepository>();
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(MongoTelemetry.ActivitySourceName));
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongo", tags: [readyTag]);
        return services;
    }
}
