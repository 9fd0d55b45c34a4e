using System.Globalization;
using System.Text.Json;
using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Target;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>A local host started with <paramref name="HostArguments"/> (its fleet: <paramref name="Fleet"/> drones).</summary>
public sealed record HostVariant(string Name, IReadOnlyList<string> HostArguments, int Fleet)
{
    private static readonly string[] Backends = ["InMemory", "AzureStorage"];

    /// <summary>The local host on each Durable backend (<c>--durable-comparison</c>).</summary>
    public static IReadOnlyList<HostVariant> DurableBackends(int fleet) =>
        [.. Backends.Select(backend => new HostVariant(backend, ["--Durable:Backend", backend], fleet))];

    /// <summary>The local host with each fleet size (<c>--fleet-compare</c>).</summary>
    public static IReadOnlyList<HostVariant> FleetSizes(IEnumerable<int> sizes) =>
        [.. sizes.Select(size => new HostVariant(
            string.Create(CultureInfo.InvariantCulture, $"{size:N0} drones"), ["--Fleet:Size", size.ToString(CultureInfo.InvariantCulture)], size))];
}

/// <summary>
/// The same pipeline on differently configured local hosts, one after the other in one run: a fresh host per
/// <see cref="HostVariant"/>, an unreported backlog to compile its hot code, then a measured backlog of deliveries
/// drained to "scheduled". Reported per host: deliveries/s, the CPU per delivery of the host and, separately, of the
/// processes it started (Azurite, for Azure Storage), and the Durable work items per delivery (in-memory backend).
/// </summary>
public static class HostComparisonScenario
{
    public static async Task<IReadOnlyList<HostVariantResult>> RunAsync(
        BenchOptions options, string repoRoot, string resultsDirectory, DeliveryPayloads payloads, IReadOnlyList<HostVariant> variants, int deliveries)
    {
        var results = new List<HostVariantResult>();
        foreach (var variant in variants)
        {
            Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {variant.Name}…");
            var label = new string([.. variant.Name.Where(char.IsLetterOrDigit)]);
            using var system = await LocalSystem.StartAsync(options, repoRoot, resultsDirectory, $"compare-{label}", [.. variant.HostArguments]);
            using var client = TargetClient.Create(system.BaseUrl, options, system.Authorization);
            var pipeline = new PipelineScenario(client, options, payloads, variant.Fleet);
            await pipeline.DrainBacklogAsync($"{label}-warmup", options.DurableWarmUpDeliveries, "warm-up");

            var before = ProcessTree.CpuTime(system.Host.Id);
            var after = before;
            var workItemsBefore = await WorkItemsAsync(client);
            long? workItemsAfter = null;
            var (backlog, _) = await pipeline.DrainBacklogAsync(label, deliveries, $"{variant.Name}: backlog drain",
                collecting: () =>
                {
                    after = ProcessTree.CpuTime(system.Host.Id);
                    workItemsAfter = WorkItemsAsync(client).GetAwaiter().GetResult();
                });
            var delivered = Math.Max(1, backlog.Succeeded);
            results.Add(new HostVariantResult(variant.Name, backlog,
                (after.Own - before.Own).TotalMilliseconds / delivered,
                (after.Descendants - before.Descendants).TotalMilliseconds / delivered,
                workItemsAfter - workItemsBefore is { } workItems ? (double)workItems / delivered : null));
        }

        return results;
    }

    /// <summary>The Durable work items the host has completed, when its backend counts them (the in-memory one).</summary>
    private static async Task<long?> WorkItemsAsync(HttpClient client)
    {
        var backend = await client.GetFromJsonAsync<JsonElement>("local/orchestrations");
        return backend.TryGetProperty("workItems", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt64() : null;
    }
}
