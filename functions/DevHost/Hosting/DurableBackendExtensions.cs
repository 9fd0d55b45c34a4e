using DroneDelivery.DevHost.Functions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The local host's Durable backend, chosen by <c>Durable:Backend</c>: the in-memory store (default), or the
/// production Azure Storage provider on the storage account <c>AzureWebJobsStorage</c> names (the local host starts
/// Azurite for it when unset, <see cref="LocalDefaults"/>). Either way it is what the package's
/// <c>AddInMemoryDurableTask</c> registers — the gRPC sidecar (<see cref="DurableSidecar"/>), a worker and a client
/// resolvable as <see cref="DurableTaskClient"/> — with the work-item limits from <see cref="DurableBackendOptions"/>,
/// a deployed app's limit on activity functions at once (<see cref="ActivityConcurrency"/>), the start semantics of
/// host.json's <c>overridableExistingInstanceStates</c> (<see cref="DurableStartPolicy"/>), and, in memory, the purge
/// of ended orchestrations (<see cref="FinishedOrchestrationPurge"/>). Task hub and partitions come from host.json.
/// </summary>
public static class DurableBackendExtensions
{
    /// <summary>The setting that names the Azure Storage account (as in a Functions app).</summary>
    public const string StorageConnectionSetting = "AzureWebJobsStorage";

    public static IServiceCollection AddLocalDurable(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> addTasks) =>
        services.AddLocalDurable(configuration, HostJsonDurable.Load(), addTasks);

    public static IServiceCollection AddLocalDurable(this IServiceCollection services, IConfiguration configuration, HostJsonDurable hostJson, Action<DurableTaskRegistry> addTasks)
    {
        var section = configuration.GetSection(DurableBackendOptions.Section);
        services.AddOptions<DurableBackendOptions>().Bind(section)
            .PostConfigure(options => ApplyHostJson(options, hostJson))
            .Validate(o => o.PurgeInterval > TimeSpan.Zero && o.PurgeFinishedAfter >= TimeSpan.Zero, "Durable:PurgeInterval must be positive and Durable:PurgeFinishedAfter not negative.")
            .Validate(o => o.MaxConcurrentActivityFunctions > 0, "Durable:MaxConcurrentActivityFunctions must be positive.")
            .ValidateOnStart();
        var options = section.Get<DurableBackendOptions>() ?? new DurableBackendOptions();
        ApplyHostJson(options, hostJson);
        var dedupeStatuses = DurableStartPolicy.DedupeStatuses(options.OverridableExistingInstanceStates);
        services.AddSingleton(_ => new ActivityConcurrency(options.MaxConcurrentActivityFunctions));
        services.TryAddSingleton(TimeProvider.System);
        switch (options.Backend)
        {
            case DurableBackendKind.InMemory:
                services.AddSingleton(_ => InMemoryDurableBackend.Create(options.MaxConcurrentWorkItems, dedupeStatuses));
                services.AddSingleton<IDurableBackendService>(provider => provider.GetRequiredService<InMemoryDurableBackend>().Service);
                services.AddHostedService<FinishedOrchestrationPurge>();
                break;
            case DurableBackendKind.AzureStorage:
                var connection = configuration[StorageConnectionSetting];
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new InvalidOperationException(
                        $"Durable:Backend AzureStorage needs a storage account: set {StorageConnectionSetting} (the local host starts Azurite when it is unset).");
                }

                services.AddSingleton(provider => AzureStorageDurableBackend.Create(connection, options, provider.GetRequiredService<ILoggerFactory>()));
                services.AddSingleton<IDurableBackendService>(provider => provider.GetRequiredService<AzureStorageDurableBackend>().Service);
                break;
            default:
                throw new InvalidOperationException($"Durable:Backend '{options.Backend}' is not one of {string.Join(", ", Enum.GetNames<DurableBackendKind>())}.");
        }

        services.AddSingleton(provider => new DurableSidecar(provider.GetRequiredService<IDurableBackendService>()));
        services.AddHostedService(provider => provider.GetRequiredService<DurableSidecar>());
        services.AddDurableTaskWorker(worker =>
        {
            worker.Services.AddOptions<GrpcDurableTaskWorkerOptions>(worker.Name)
                .Configure<DurableSidecar>((grpc, sidecar) => grpc.Channel = sidecar.Channel);
            worker.UseGrpc();
            worker.AddTasks(addTasks);
        });
        services.AddDurableTaskClient(client =>
        {
            client.Services.AddOptions<GrpcDurableTaskClientOptions>(client.Name)
                .Configure<DurableSidecar>((grpc, sidecar) => grpc.Channel = sidecar.Channel);
            client.UseGrpc();
            client.RegisterDirectly();
        });
        return services;
    }

    /// <summary>host.json's values where <c>Durable:*</c> leaves them unset.</summary>
    private static void ApplyHostJson(DurableBackendOptions options, HostJsonDurable hostJson)
    {
        options.HubName ??= hostJson.HubName ?? "dronedelivery";
        options.PartitionCount ??= hostJson.PartitionCount ?? 4;
        options.UseTablePartitionManagement ??= hostJson.UseTablePartitionManagement ?? false;
        options.OverridableExistingInstanceStates ??= hostJson.OverridableExistingInstanceStates ?? DurableStartPolicy.NonRunningStates;
    }
}
