using DroneDelivery.Bench;
using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Scenarios;

var options = BenchOptions.Parse(args);
if (options.FleetAssignments > 0)
{
    await DroneDelivery.Bench.Scenarios.FleetScenario.RunAsync(options.FleetAssignments, options.FleetSizes);
    return;
}

var repoRoot = RepoRoot.Find();
var resultsDirectory = Path.Combine(Path.GetFullPath(options.ResultsDirectory, repoRoot), DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
Directory.CreateDirectory(resultsDirectory);

var run = new BenchRun(options, repoRoot, resultsDirectory, "dotnet run -c Release --project bench -- " + string.Join(' ', args));
if (options.MemoryDeliveries > 0)
{
    var memory = await run.RunMemoryAsync();
    await run.WriteAsync(memory);
    Console.WriteLine();
    Console.WriteLine(MemoryTable.Render(memory.Report, memory.Machine));
    Console.WriteLine($"Written: {resultsDirectory}/memory.json, memory.md, memory.svg");
    return;
}

if (options.RecordWritePasses > 0)
{
    var writes = await run.RunRecordWritesAsync();
    await run.WriteAsync(writes);
    Console.WriteLine();
    Console.WriteLine(writes.ToMarkdown());
    Console.WriteLine($"Written: {resultsDirectory}/writes.json, writes.md");
    return;
}

if (options.DurableComparisonDeliveries > 0 || options.FleetCompare.Count > 0)
{
    var (name, comparison) = options.FleetCompare.Count > 0
        ? ("fleet", await run.RunHostComparisonAsync("fleet", HostVariant.FleetSizes(options.FleetCompare), options.BurstDeliveries))
        : ("durable", await run.RunHostComparisonAsync("Durable backend", HostVariant.DurableBackends(options.Fleet), options.DurableComparisonDeliveries));
    await run.WriteAsync(comparison, name);
    Console.WriteLine();
    Console.WriteLine(comparison.ToMarkdown());
    Console.WriteLine($"Written: {resultsDirectory}/{name}.json, {name}.md");
    return;
}

if (options.WebhookComparisonDeliveries > 0)
{
    var comparison = await run.RunWebhookComparisonAsync();
    await run.WriteAsync(comparison);
    Console.WriteLine();
    Console.WriteLine(comparison.ToMarkdown());
    Console.WriteLine($"Written: {resultsDirectory}/webhooks.json, webhooks.md");
    return;
}

var report = await run.RunAsync();
await run.WriteAsync(report);
Console.WriteLine();
Console.WriteLine(ResultTable.Render(report));
Console.WriteLine($"Written: {resultsDirectory}/bench.json, table.md, latency.svg");
