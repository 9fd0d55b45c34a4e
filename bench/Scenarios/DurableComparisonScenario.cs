using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Target;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// The same pipeline on each of the local host's Durable backends, one after the other in one run: a fresh host per
/// backend (<c>--Durable:Backend</c>), an unreported backlog to compile its hot code, then a measured backlog of
/// <c>--durable-comparison</c> deliveries drained to "scheduled". Reported per backend: deliveries/s and the CPU per
/// delivery of the host and, separately, of the processes it started (Azurite, for Azure Storage).
/// </summary>
public static class DurableComparisonScenario
{
    public static IReadOnlyList<string> Backends { get; } = ["InMemory", "AzureStorage"];

    public static async Task<IReadOnlyList<DurableBackendResult>> RunAsync(BenchOptions options, string repoRoot, string resultsDirectory, DeliveryPayloads payloads)
    {
        var results = new List<DurableBackendResult>();
        foreach (var backend in Backends)
        {
            Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {backend}…");
            using var system = await LocalSystem.StartAsync(options, repoRoot, resultsDirectory, $"durable-{backend}", "--Durable:Backend", backend);
            using var client = TargetClient.Create(system.BaseUrl, options, system.Authorization);
            var pipeline = new PipelineScenario(client, options, payloads, options.Fleet);
            await pipeline.DrainBacklogAsync($"{backend}-warmup", options.DurableWarmUpDeliveries, "warm-up");

            var before = ProcessTree.CpuTime(system.Host.Id);
            var after = before;
            var (backlog, _) = await pipeline.DrainBacklogAsync(backend, options.DurableComparisonDeliveries, $"{backend}: backlog drain",
                collecting: () => after = ProcessTree.CpuTime(system.Host.Id));
            var delivered = Math.Max(1, backlog.Succeeded);
            results.Add(new DurableBackendResult(backend, backlog,
                (after.Own - before.Own).TotalMilliseconds / delivered,
                (after.Descendants - before.Descendants).TotalMilliseconds / delivered));
        }

        return results;
    }
}
