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
        typeof(DeliveryExtensions).Assembly,
        typeof(DroneSchedulerExtensions).Assembly,
        typeof(PackageExtensions).Assembly,
        typeof(HealthFunctions).Assembly,
    ];

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var embeddedRedis = LocalDefaults.Apply(builder);
        LocalSecurity.Apply(builder);

        builder.AddServiceDefaults();
        // The in-memory Durable backend's gRPC sidecar is the local stand-in's plumbing, not traced (as Garnet's insides are not).
        builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(options =>
            options.Filter = context => !context.Request.Path.StartsWithSegments(DurableSidecar.ServicePath, StringComparison.Ordinal));
        builder.Services.Configure<HttpClientTraceInstrumentationOptions>(options =>
            options.FilterHttpRequestMessage = request => request.RequestUri?.AbsolutePath.StartsWith(DurableSidecar.ServicePath, StringComparison.Ordinal) != true);
        builder.Services.Configure<LocalQueueOptions>(builder.Configuration.GetSection(LocalQueueOptions.Section));
        builder.Services.AddSingleton<InProcessQueue>();
        builder.Services.AddSingleton<IQueueSender>(provider => provider.GetRequiredService<InProcessQueue>());
        builder.AddEmbeddedStores();

        builder.AddIngestion();
        builder.AddWorkflow();
        builder.AddDeliveryService();
        builder.AddDroneScheduler();
        builder.AddPackageService();

        builder.Services.Configure<FlightOptions>(builder.Configuration.GetSection(FlightOptions.Section));
        builder.Services.Configure<SimulatorOptions>(builder.Configuration.GetSection(SimulatorOptions.Section));
        // No retry pipeline for the drones: a report that fails is sent again on the next tick.
        AddSimulatorClient(builder, DroneSimulator.FleetClientName, "DroneScheduler");
        AddSimulatorClient(builder, DroneSimulator.ReportsClientName, "Workflow");
        builder.Services.AddHostedService<DroneSimulator>();

        var catalog = FunctionCatalog.Discover(FunctionAssemblies);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddHostedService<QueueTriggerDispatcher>();
        AddDurable(builder, catalog);
        if (embeddedRedis is not null)
        {
            builder.Services.AddSingleton(embeddedRedis);
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
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    private static void AddSimulatorClient(WebApplicationBuilder builder, string name, string app) =>
        builder.Services.AddHttpClient(name, http =>
            {
                http.BaseAddress = new Uri(builder.Configuration["Services:DroneSchedulerUrl"]!);
                http.Timeout = TimeSpan.FromSeconds(5);
            })
            .AddHttpMessageHandler(services => new FunctionKeyHandler(services.GetRequiredService<LocalFunctionKeys>().For(app)));

    private static void AddDurable(WebApplicationBuilder builder, FunctionCatalog catalog)
    {
        builder.Services.AddInMemoryDurable(builder.Configuration, registry => registry.AddFunctions(catalog));
        builder.Services.UseContractJsonForDurable();
    }
}
