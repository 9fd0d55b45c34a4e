using System.Reflection;
using DroneDelivery.Contracts.Geo;
using DroneDelivery.Deliveries.Extensions;
using DroneDelivery.DevHost.Functions;
using DroneDelivery.DevHost.Queues;
using DroneDelivery.DevHost.Security;
using DroneDelivery.DevHost.Simulation;
using DroneDelivery.DevHost.Stores;
using DroneDelivery.DroneScheduler.Extensions;
using DroneDelivery.Ingestion.Extensions;
using DroneDelivery.Packages.Extensions;
using DroneDelivery.Platform.Health;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Security;
using DroneDelivery.Workflow.Extensions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Instrumentation.Http;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// Builds the all-in-one local host: the five apps' registrations (the same extension methods
/// their Program.cs call), their function classes mapped from their trigger attributes, and
/// embedded stand-ins for Redis (Garnet), Service Bus (in-process queue), the Durable backend
/// (in-memory), Cosmos DB and MongoDB (LiteDB), registered before the apps' own registrations so
/// those keep them. Real stores are used instead when their connection settings are given.
/// </summary>
public static class LocalHost
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>The assemblies whose functions the local host runs: the five apps and the shared health functions.</summary>
    public static IReadOnlyList<Assembly> FunctionAssemblies { get; } =
    [
        typeof(IngestionExtensions).Assembly,
        typeof(WorkflowExtensions).Assembly,
        typeof(DeliveriesExtensions).Assembly,
        typeof(DroneSchedulerExtensions).Assembly,
        typeof(PackagesExtensions).Assembly,
        typeof(HealthFunctions).Assembly,
    ];

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var started = LocalDefaults.Apply(builder);
        if (started.Azurite is { } azurite)
        {
            // The first hosted service, so the last to stop: after the Durable sidecar has stopped its backend.
            builder.Services.AddHostedService(_ => new AzuriteLifetime(azurite));
        }

        LocalSecurity.Apply(builder);

        builder.AddServiceDefaults();
        // The in-memory Durable backend's gRPC sidecar is the local stand-in's plumbing, not traced (as Garnet's insides are not).
        builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(options =>
            options.Filter = context => !context.Request.Path.StartsWithSegments(DurableSidecar.ServicePath, StringComparison.Ordinal));
        builder.Services.Configure<HttpClientTraceInstrumentationOptions>(options =>
            options.FilterHttpRequestMessage = request => request.RequestUri?.AbsolutePath.StartsWith(DurableSidecar.ServicePath, StringComparison.Ordinal) != true);
        builder.Services.Configure<LocalQueueOptions>(builder.Configuration.GetSection(LocalQueueOptions.Section));
        if (EmbeddedDatabases.Persists(builder.Configuration))
        {
            // Unsettled messages survive a restart on the same data directory.
            builder.Services.TryAddSingleton(_ => new EmbeddedDatabases(EmbeddedDatabases.DirectoryFrom(builder.Configuration)));
            builder.Services.AddSingleton(provider => new QueueJournal(provider.GetRequiredService<EmbeddedDatabases>().Open("queue")));
        }

        builder.Services.AddSingleton(provider => new InProcessQueue(
            provider.GetRequiredService<IOptions<LocalQueueOptions>>(), provider.GetRequiredService<TimeProvider>(), provider.GetService<QueueJournal>()));
        builder.Services.AddSingleton<IQueueSender>(provider => provider.GetRequiredService<InProcessQueue>());
        builder.Services.AddSingleton<IDeadLetters, LocalDeadLetters>();
        builder.AddEmbeddedStores();

        builder.AddIngestion();
        builder.AddWorkflow();
        builder.AddDeliveries();
        builder.AddDroneScheduler();
        builder.AddPackages();

        builder.Services.Configure<FlightOptions>(builder.Configuration.GetSection(FlightOptions.Section));
        builder.Services.Configure<SimulatorOptions>(builder.Configuration.GetSection(SimulatorOptions.Section));
        // No retry pipeline for the drones: a report that fails is sent again on the next tick. The
        // fleet client is the fleet owner's (the drone scheduler's key); reports carry each drone's own credential, no key.
        AddSimulatorClient(builder, DroneSimulator.FleetClientName, "DroneScheduler");
        AddSimulatorClient(builder, DroneSimulator.ReportsClientName, app: null);
        builder.Services.AddHostedService<DroneSimulator>();

        var catalog = FunctionCatalog.Discover(FunctionAssemblies);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddHostedService<QueueTriggerDispatcher>();
        AddDurable(builder, catalog);
        if (started.Redis is not null)
        {
            builder.Services.AddSingleton(started.Redis);
        }



        // Last, so a variant's registrations (tests: fault injection) override the apps'.
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseProblemDetailsOnErrors();
        app.MapHttpFunctions(catalog);
        app.MapLocalQueue();
        app.MapLocalOrchestrations();
        app.MapLocalHeap();
        app.MapLocalTokens();
        // The customer's tracking page at the short address; the browser keeps the #token fragment across the redirect.
        app.MapGet("/track/{id}", (string id) => Results.Redirect($"/api/track/{Uri.EscapeDataString(id)}"));
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    private static void AddSimulatorClient(WebApplicationBuilder builder, string name, string? app)
    {
        var client = builder.Services.AddHttpClient(name, http =>
        {
            http.BaseAddress = new Uri(builder.Configuration["Services:DroneSchedulerUrl"]!);
            http.Timeout = TimeSpan.FromSeconds(5);
        });
        if (app is not null)
        {
            client.AddHttpMessageHandler(services => new FunctionKeyHandler(services.GetRequiredService<LocalFunctionKeys>().For(app)));
        }
    }

    private static void AddDurable(WebApplicationBuilder builder, FunctionCatalog catalog)
    {
        builder.Services.AddLocalDurable(builder.Configuration, registry => registry.AddFunctions(catalog));
        builder.Services.UseContractJsonForDurable();
    }
}
