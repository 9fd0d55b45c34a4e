using System.Reflection;
using DroneDelivery.Deliveries.Extensions;
using DroneDelivery.DroneScheduler.Extensions;
using DroneDelivery.Ingestion.Extensions;
using DroneDelivery.Packages.Extensions;
using DroneDelivery.Platform.Health;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Workflow.Extensions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Infrastructure.Tests.Contract;

/// <summary>
/// One Functions app composed as its Program.cs composes it (the worker builder, the service
/// defaults, the app's own registration), from exactly the settings given, without starting it:
/// every function class, hosted service, health check and validated option is created, which is
/// where a missing setting stops an app at start-up. No network is needed: clients are created,
/// not used.
/// </summary>
public sealed class AppComposition
{
    /// <summary>What the Functions host passes its worker on the command line (not deployment settings).</summary>
    private static readonly IReadOnlyDictionary<string, string> HostArguments = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9",
        ["Functions:Worker:WorkerId"] = "contract-test",
        ["Functions:Worker:RequestId"] = "contract-test",
        ["Functions:Worker:GrpcMaxMessageLength"] = "2147483647",
    };

    public static readonly IReadOnlyDictionary<string, (Assembly Assembly, Action<FunctionsApplicationBuilder> Register)> Apps =
        new Dictionary<string, (Assembly, Action<FunctionsApplicationBuilder>)>(StringComparer.Ordinal)
        {
            ["ingestion"] = (typeof(IngestionExtensions).Assembly, builder => builder.AddIngestion()),
            ["workflow"] = (typeof(WorkflowExtensions).Assembly, builder => builder.AddWorkflow()),
            ["delivery"] = (typeof(DeliveriesExtensions).Assembly, builder => builder.AddDeliveries()),
            ["dronescheduler"] = (typeof(DroneSchedulerExtensions).Assembly, builder => builder.AddDroneScheduler()),
            ["package"] = (typeof(PackagesExtensions).Assembly, builder => builder.AddPackages()),
        };

    private AppComposition(Assembly assembly, IReadOnlyList<Type> functionClasses, IReadOnlyList<object> created, IReadOnlyCollection<string> settingsRead, IReadOnlyList<ServiceDescriptor> services)
    {
        Assembly = assembly;
        FunctionClasses = functionClasses;
        Created = created;
        SettingsRead = settingsRead;
        Services = services;
    }

    /// <summary>The app's own assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>Every registration of the app's container.</summary>
    public IReadOnlyList<ServiceDescriptor> Services { get; }

    public IReadOnlyList<Type> FunctionClasses { get; }

    /// <summary>Everything created: function classes, hosted services, health checks.</summary>
    public IReadOnlyList<object> Created { get; }

    /// <summary>Every setting the app asked for while it was composed, as environment variable names.</summary>
    public IReadOnlyCollection<string> SettingsRead { get; }

    /// <summary>Composes <paramref name="app"/>; throws what the app would throw at start-up.</summary>
    public static AppComposition Compose(string app, IReadOnlyDictionary<string, string> environment, Action<IServiceCollection>? substitute = null)
    {
        var (assembly, register) = Apps[app];
        var settings = new RecordingConfiguration(environment);
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(HostArguments!);
        ((IConfigurationBuilder)builder.Configuration).Add(settings);
        builder.ConfigureFunctionsWebApplication();
        builder.AddServiceDefaults();
        register(builder);
        substitute?.Invoke(builder.Services);

        using var host = builder.Build();
        host.Services.GetService<IStartupValidator>()?.Validate();
        using var scope = host.Services.CreateScope();
        var functionClasses = FunctionClassesOf(assembly).Concat(FunctionClassesOf(typeof(HealthFunctions).Assembly)).ToList();
        var created = new List<object>();
        created.AddRange(functionClasses.Select(type => ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)));
        created.AddRange(scope.ServiceProvider.GetServices<IHostedService>());
        created.AddRange(scope.ServiceProvider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Select(registration => registration.Factory(scope.ServiceProvider)));
        return new AppComposition(assembly, functionClasses, created, settings.Read, [.. builder.Services]);
    }

    /// <summary>Classes with instance functions (static functions need no instance).</summary>
    private static IEnumerable<Type> FunctionClassesOf(Assembly assembly) =>
        assembly.GetTypes().Where(type => !type.IsAbstract
            && type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(method => method.GetCustomAttribute<FunctionAttribute>() is not null));
}
