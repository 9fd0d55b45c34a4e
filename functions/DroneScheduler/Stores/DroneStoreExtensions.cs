using Azure.Core;
using Azure.Identity;
using DroneDelivery.Contracts.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Trace;

namespace DroneDelivery.DroneScheduler.Stores;

public static class DroneStoreExtensions
{
    /// <summary>
    /// The fleet in Cosmos DB: <c>Cosmos__Endpoint</c> (identity auth, production) or
    /// <c>Cosmos__ConnectionString</c> (the Cosmos DB emulator under <c>func start</c>). Without
    /// either the app does not start. The drones' credentials are in the same database, container
    /// <c>Cosmos__CredentialsContainer</c> (default <c>dronecredentials</c>). A host that registered its
    /// own <see cref="IDroneRepository"/> first (the local host's stand-in) keeps it, and registers its
    /// own <see cref="IDroneCredentialRepository"/> too.
    /// </summary>
    public static IServiceCollection AddDroneStore(this IServiceCollection services, IConfiguration configuration, string readyTag)
    {
        if (services.Any(service => service.ServiceType == typeof(IDroneRepository)))
        {
            return services;
        }

        var client = ClientFactory(configuration);
        var database = configuration["Cosmos:Database"] ?? "dronescheduler";
        var container = configuration["Cosmos:Container"] ?? "drones";
        var credentialsContainer = configuration["Cosmos:CredentialsContainer"] ?? "dronecredentials";
        // The Cosmos SDK's operation spans (source Azure.Cosmos.Operation) go through Azure.Core's ActivitySource support.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        // Identity auth: the app's credential if it registers one, else workload identity / developer sign-in.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton(provider => client(provider, new CosmosClientOptions
        {
            UseSystemTextJsonSerializerWithOptions = ContractJson.Options,
            CosmosClientTelemetryOptions = new CosmosClientTelemetryOptions { DisableDistributedTracing = false },
        }));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource("Azure.Cosmos.Operation"));
        services.AddSingleton<IDroneRepository>(provider =>
            new CosmosDroneRepository(provider.GetRequiredService<CosmosClient>().GetContainer(database, container)));
        services.AddSingleton<IDroneCredentialRepository>(provider =>
            new CosmosDroneCredentialRepository(provider.GetRequiredService<CosmosClient>().GetContainer(database, credentialsContainer)));
        services.AddHealthChecks().AddCheck<CosmosHealthCheck>("cosmos", tags: [readyTag]);
        return services;
    }

    /// <summary>True when a Cosmos DB account is configured.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Cosmos:Endpoint"]) || !string.IsNullOrWhiteSpace(configuration["Cosmos:ConnectionString"]);

    private static Func<IServiceProvider, CosmosClientOptions, CosmosClient> ClientFactory(IConfiguration configuration)
    {
        var connectionString = configuration["Cosmos:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return (_, options) => new CosmosClient(connectionString, options);
        }

        var endpoint = configuration["Cosmos:Endpoint"];
        return string.IsNullOrWhiteSpace(endpoint)
            ? throw new InvalidOperationException(
                "Set Cosmos__Endpoint to the drone scheduler's Cosmos DB account endpoint (identity auth), or Cosmos__ConnectionString for the emulator.")
            : (provider, options) => new CosmosClient(endpoint, provider.GetRequiredService<TokenCredential>(), options);
    }
}
