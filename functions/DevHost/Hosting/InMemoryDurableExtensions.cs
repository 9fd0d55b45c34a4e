using DroneDelivery.DevHost.Functions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The in-memory Durable backend for the local host: what the package's <c>AddInMemoryDurableTask</c>
/// registers (sidecar, worker, client resolvable as <see cref="DurableTaskClient"/>), with the backend's
/// concurrency limit from <see cref="DurableBackendOptions"/> instead of the processor count, a deployed
/// app's limit on activity functions at once (<see cref="ActivityConcurrency"/>), and the purge of ended
/// orchestrations (<see cref="FinishedOrchestrationPurge"/>).
/// </summary>
public static class InMemoryDurableExtensions
{
    public static IServiceCollection AddInMemoryDurable(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> addTasks)
    {
        var section = configuration.GetSection(DurableBackendOptions.Section);
        services.AddOptions<DurableBackendOptions>().Bind(section)
            .Validate(o => o.PurgeInterval > TimeSpan.Zero && o.PurgeFinishedAfter >= TimeSpan.Zero, "Durable:PurgeInterval must be positive and Durable:PurgeFinishedAfter not negative.")
            .Validate(o => o.MaxConcurrentActivityFunctions > 0, "Durable:MaxConcurrentActivityFunctions must be positive.")
            .ValidateOnStart();
        var options = section.Get<DurableBackendOptions>() ?? new DurableBackendOptions();
        services.AddSingleton(_ => InMemoryDurableBackend.Create(options.MaxConcurrentWorkItems));
        services.AddSingleton(_ => new ActivityConcurrency(options.MaxConcurrentActivityFunctions));
        services.AddSingleton(provider => new DurableSidecar(provider.GetRequiredService<InMemoryDurableBackend>()));
        services.AddHostedService(provider => provider.GetRequiredService<DurableSidecar>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<FinishedOrchestrationPurge>();
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
}
