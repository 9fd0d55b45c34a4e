using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The in-memory Durable backend for the local host: what the package's <c>AddInMemoryDurableTask</c>
/// registers (sidecar, worker, client resolvable as <see cref="DurableTaskClient"/>), with the backend's
/// concurrency limit from <see cref="DurableBackendOptions"/> instead of the processor count, and the
/// purge of ended orchestrations (<see cref="FinishedOrchestrationPurge"/>).
/// </summary>
public static class InMemoryDurableExtensions
{
    public static IServiceCollection AddInMemoryDurable(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> addTasks)
    {
        var section = configuration.GetSection(DurableBackendOptions.Section);
        services.AddOptions<DurableBackendOptions>().Bind(section)
            .Validate(o => o.PurgeInterval > TimeSpan.Zero && o.PurgeFinishedAfter >= TimeSpan.Zero, "Durable:PurgeInterval must be positive and Durable:PurgeFinishedAfter not negative.")
            .ValidateOnStart();
        var options = section.Get<DurableBackendOptions>() ?? new DurableBackendOptions();
        var address = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{EmbeddedRedis.FreeLoopbackPort()}");
        services.AddSingleton(_ => InMemoryDurableBackend.Create(options.MaxConcurrentWorkItems));
        services.AddSingleton(provider => new DurableSidecar(address, provider.GetRequiredService<InMemoryDurableBackend>()));
        services.AddHostedService(provider => provider.GetRequiredService<DurableSidecar>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<FinishedOrchestrationPurge>();
        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(address);
            worker.AddTasks(addTasks);
        });
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(address);
            client.RegisterDirectly();
        });
        return services;
    }
}
