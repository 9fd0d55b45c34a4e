using Azure.Identity;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Stores.Embedded;
using DroneDelivery.Stores.Telemetry;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace DroneDelivery.Stores.Drones;

public static class DroneStoreExtensions
{
    /// <summary>Cosmos DB (identity auth) when <c>Cosmos__Endpoint</c> is set, otherwise the embedded LiteDB store.</summary>
    public static IServiceCollection AddDroneStore(this IServiceCollection services, IConfiguration configuration, string readyTag)
    {
        var endpoint = configuration["Cosmos:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            services.AddEmbeddedDatabases(configuration);
            services.AddSingleton(provider => TracedStore<IDroneRepository>.Wrap(
                new LiteDbDroneRepository(provider.GetRequiredService<EmbeddedDatabases>().Open("drones").GetCollection<DroneDocument>("drones")),
                "litedb",
                "drones"));
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(StoreTelemetry.SourceName));
            return services;
        }

        var database = configuration["Cosmos:Database"] ?? "dronescheduler";
        var container = configuration["Cosmos:Container"] ?? "drones";
        // The Cosmos SDK's operation spans (source Azure.Cosmos.Operation) go through Azure.Core's ActivitySource support.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        services.AddSingleton(_ => new CosmosClient(endpoint, new DefaultAzureCredential(), new CosmosClientOptions
        {
            UseSystemTextJsonSerializerWithOptions = ContractJson.Options,
            CosmosClientTelemetryOptions = new CosmosClientTelemetryOptions { DisableDistributedTracing = false },
        }));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource("Azure.Cosmos.Operation"));
        services.AddSingleton<IDroneRepository>(provider =>
            new CosmosDroneRepository(provider.GetRequiredService<CosmosClient>().GetContainer(database, container)));
        services.AddHealthChecks().AddCheck<CosmosHealthCheck>("cosmos", tags: [readyTag]);
        return services;
    }
}
