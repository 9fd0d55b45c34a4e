using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using OpenTelemetry.Trace;

namespace DroneDelivery.Packages.Stores;

public static class PackageStoreExtensions
{
    /// <summary>
    /// Packages in MongoDB (Cosmos DB for MongoDB in production): <c>Mongo__ConnectionString</c>;
    /// without it the app does not start. A host that registered its own
    /// <see cref="IPackageRepository"/> first (the local host's stand-in) keeps it.
    /// </summary>
    public static IServiceCollection AddPackageStore(this IServiceCollection services, IConfiguration configuration, string readyTag)
    {
        if (services.Any(service => service.ServiceType == typeof(IPackageRepository)))
        {
            return services;
        }

        if (!IsConfigured(configuration))
        {
            throw new InvalidOperationException("Set Mongo__ConnectionString to the package service's MongoDB API connection string.");
        }

        var connectionString = configuration["Mongo:ConnectionString"];
        var databaseName = configuration["Mongo:Database"] ?? "packages";
        services.AddSingleton<IMongoClient>(_ => new MongoClient(connectionString));
        services.AddSingleton(provider => provider.GetRequiredService<IMongoClient>().GetDatabase(databaseName).GetCollection<PackageDocument>("packages"));
        services.AddSingleton<IPackageRepository, MongoPackageRepository>();
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(MongoTelemetry.ActivitySourceName));
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongo", tags: [readyTag]);
        return services;
    }

    /// <summary>True when a MongoDB connection string is configured.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Mongo:ConnectionString"]);
}
