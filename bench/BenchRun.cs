using System.Text.Json;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Scenarios;
using DroneDelivery.Bench.Scenarios.Floor;
using DroneDelivery.Bench.Target;
using DroneDelivery.Contracts.Json;

namespace DroneDelivery.Bench;

/// <summary>
/// One run. Locally: ingestion against a host whose queue consumers are off (ingestion alone, as
/// it runs as its own app in production), then pipeline, status reads and memory against a fresh
/// host with everything on. Against a deployment: the same phases on its base URL.
/// </summary>
public sealed class BenchRun(BenchOptions options, string repoRoot, string resultsDirectory, string command)
{
    private static readonly JsonSerializerOptions IndentedJson = new(ContractJson.Options) { WriteIndented = true };
    private readonly DeliveryPayloads _payloads = new(DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow);

    public async Task<BenchReport> RunAsync()
    {
        var startedAt = DateTimeOffset.UtcNow;
        (PhaseResult Target, PhaseResult Baseline) ingestion;
        if (options.Target is { } target)
        {
            using var http = TargetClient.Create(target, options);
            await using var targetCpu = await PhaseCpu.StartAsync(hostProcessId: null, options.Redis);
            ingestion = await Step("ingestion", () => IngestionScenario.RunAsync(http, targetCpu, options, _payloads));
            var (pipeline, status, _) = await RunPipelineAndStatusAsync(http, options.Redis, targetCpu, null);
            var targetWrites = await RunRecordWritesAsync(http, options.Redis, targetCpu);
            return Report(startedAt, target.ToString(), ingestion, pipeline, status, targetWrites, null);
        }

        // First, while nothing else runs: what the Durable machinery alone costs per delivery here.
        var floor = await Step("durable floor", () => DurableFloorScenario.RunAsync(_payloads));
        using (var ingestionHost = await LocalSystem.StartAsync(options, repoRoot, resultsDirectory, "ingestion", "--LocalQueue:MaxConcurrentCalls", "0"))
        {
            using var http = TargetClient.Create(ingestionHost.BaseUrl, options, ingestionHost.Authorization);
            await using var ingestionCpu = await PhaseCpu.StartAsync(ingestionHost.Host.Id, redis: null);
            ingestion = await Step("ingestion", () => IngestionScenario.RunAsync(http, ingestionCpu, options, _payloads));
        }

        using var system = await LocalSystem.StartAsync(options, repoRoot, resultsDirectory, "pipeline");
        await using var sampler = new WorkingSetSampler(system.Host.Id, TimeSpan.FromMilliseconds(500));
        sampler.Start();
        using var client = TargetClient.Create(system.BaseUrl, options, system.Authorization);
        await using var cpu = await PhaseCpu.StartAsync(system.Host.Id, system.Redis);
        var idle = await SettleAsync(sampler, "idle", 5);
        var (pipelineReport, statusResult, _) = await RunPipelineAndStatusAsync(client, system.Redis, cpu, sampler);
        sampler.Phase = "record writes";
        using var writer = TargetClient.Create(system.BaseUrl, options, system.DeliveryKey);
        var writes = await RunRecordWritesAsync(writer, system.Redis, cpu);
        var after = await SettleAsync(sampler, "after", options.SettleSeconds);
        var usage = HostUsage.From(sampler.Samples, idle, after);
        return Report(startedAt, "local host (child process)", ingestion, WithHostCpu(pipelineReport, usage) with { Floor = floor }, statusResult, writes, usage);
    }

    /// <summary>
    /// The memory run (<c>--memory-deliveries</c>): a host with the simulator on at a high time scale,
    /// a fleet that cycles (unlimited range), and its embedded stores in files in a temporary folder
    /// — the data a deployment keeps in MongoDB and Cosmos DB, outside the process — so what the working
    /// set shows is the host's own state.
    /// </summary>
    public async Task<MemoryRun> RunMemoryAsync()
    {
        var startedAt = DateTimeOffset.UtcNow;
        var dataDirectory = Directory.CreateTempSubdirectory("dronedelivery-bench-").FullName;
        string[] hostArguments =
        [
            "--Simulator:Enabled", "true",
            "--Drones:TimeScale", "10000",
            "--Fleet:Size", options.MemoryFleet.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Fleet:RangeKm", "100000",
            "--Embedded:DataDirectory", dataDirectory,
        ];
        try
        {
            using var system = await LocalSystem.StartAsync(options, repoRoot, resultsDirectory, "memory", hostArguments);
            await using var sampler = new WorkingSetSampler(system.Host.Id, TimeSpan.FromMilliseconds(500));
            sampler.Start();
            using var client = TargetClient.Create(system.BaseUrl, options, system.Authorization);
            var report = await Step("memory", () => new MemoryScenario(client, options, _payloads, sampler).RunAsync());
            return new MemoryRun(startedAt, command, MachineInfo.Current(), [.. hostArguments.Select(argument => argument == dataDirectory ? "<a temporary folder>" : argument), .. options.HostArguments], report);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// The record-write run (<c>--record-writes</c>): one redis-server, this build's host and, with
    /// <c>--compare-host-dll</c>, another build's host beside it; each pass measures the write baseline,
    /// then each host's record PUT, so every ratio is taken minutes apart at most on a shared machine.
    /// </summary>
    public async Task<RecordWriteRun> RunRecordWritesAsync()
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var system = await LocalSystem.StartAsync(options, repoRoot, resultsDirectory, "writes");
        var redis = system.Redis ?? throw new InvalidOperationException("The record-write run needs /usr/bin/redis-server or --redis: its baseline writes to the host's store.");
        using var compared = options.CompareHostDll is { } dll ? await LocalSystem.StartBesideAsync(system, options, dll, resultsDirectory, "writes-compared") : null;
        using var host = TargetClient.Create(system.BaseUrl, options, system.DeliveryKey);
        using var other = compared is null ? null : TargetClient.Create(compared.BaseUrl, options, compared.DeliveryKey);
        await using var cpu = await PhaseCpu.StartAsync(system.Host.Id, redis);
        await using var comparedCpu = compared is null ? null : await PhaseCpu.StartAsync(compared.Host.Id, redis);
        var scenario = new RecordWriteScenario(options, cpu);
        var passes = new List<RecordWritePass>();
        for (var pass = 1; pass <= options.RecordWritePasses; pass++)
        {
            var baseline = await Step($"write baseline, pass {pass}", () => scenario.BaselineAsync(redis));
            var put = await Step($"record PUT, pass {pass}", () => scenario.PutAsync(host, "record PUT /api/deliveries/{id}"));
            var comparedPut = other is null ? null : await Step($"record PUT on the compared build, pass {pass}", () => scenario.PutAsync(other, "record PUT, compared build", comparedCpu));
            passes.Add(new RecordWritePass(baseline, put, comparedPut));
        }

        return new RecordWriteRun(startedAt, command, MachineInfo.Current(), options.HostDll ?? "this checkout's Release build", options.CompareHostDll, passes);
    }

    public async Task WriteAsync(RecordWriteRun run)
    {
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "writes.json"), JsonSerializer.Serialize(run, IndentedJson));
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "writes.md"), run.ToMarkdown());
    }

    /// <summary>
    /// A comparison of local hosts (<c>--durable-comparison</c>: each Durable backend; <c>--fleet-compare</c>: each fleet
    /// size): the same backlog drained on a fresh host per variant, one run.
    /// </summary>
    public async Task<HostComparison> RunHostComparisonAsync(string varying, IReadOnlyList<HostVariant> variants, int deliveries)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var results = await HostComparisonScenario.RunAsync(options, repoRoot, resultsDirectory, _payloads, variants, deliveries);
        return new HostComparison(startedAt, command, MachineInfo.Current(), varying, results);
    }

    public async Task WriteAsync(HostComparison comparison, string name)
    {
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, $"{name}.json"), JsonSerializer.Serialize(comparison, IndentedJson));
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, $"{name}.md"), comparison.ToMarkdown());
    }

    /// <summary>The webhook comparison (<c>--webhook-comparison</c>): deliveries flown with and without a dead receiver, one host.</summary>
    public Task<WebhookComparison> RunWebhookComparisonAsync() =>
        WebhookComparisonScenario.RunAsync(options, repoRoot, resultsDirectory, command, DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture));

    public async Task WriteAsync(WebhookComparison comparison)
    {
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "webhooks.json"), JsonSerializer.Serialize(comparison, IndentedJson));
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "webhooks.md"), comparison.ToMarkdown());
    }

    public async Task WriteAsync(MemoryRun run)
    {
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "memory.json"), JsonSerializer.Serialize(run, IndentedJson));
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "memory.svg"),
            MemoryChart.Render($"Local host working set, {run.Report.Accepted:N0} deliveries, {run.StartedAt:yyyy-MM-dd HH:mm} UTC, {run.Machine.Cores} cores", run.Report));
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "memory.md"), MemoryTable.Render(run.Report, run.Machine));
    }

    public async Task WriteAsync(BenchReport report)
    {
        var json = JsonSerializer.Serialize(report, IndentedJson);
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "bench.json"), json);
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "latency.svg"),
            LatencyChart.Render($"Latency percentiles, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.Machine.Cores} cores", report.LatencyPhases));
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "table.md"), ResultTable.Render(report));
    }

    private async Task<(PipelineReport, StatusResults, int)> RunPipelineAndStatusAsync(HttpClient http, string? redis, PhaseCpu cpu, WorkingSetSampler? sampler)
    {
        var pipeline = new PipelineScenario(http, options, _payloads, options.Target is null ? options.Fleet : int.MaxValue);
        var pipelineReport = await Step("pipeline", () => pipeline.RunAsync(phase => sampler?.Phase = phase));
        sampler?.Phase = "status";
        var ids = pipeline.All.Where(delivery => delivery.ScheduledAt is not null).Select(delivery => delivery.Id).ToList();
        if (ids.Count == 0)
        {
            Console.Error.WriteLine("  no delivery was scheduled: status reads skipped (see the host log)");
            var none = new PhaseResult("status: skipped, nothing scheduled", 0, 0, 0, LatencySummary.Empty);
            return (pipelineReport, new StatusResults(none, null, null), 0);
        }

        var status = await Step("status reads", () => StatusScenario.RunAsync(http, redis, cpu, options, ids));
        return (pipelineReport, status, ids.Count);
    }

    /// <summary>The record PUT and, with a Redis to write to, its write baseline.</summary>
    private async Task<(PhaseResult Put, PhaseResult? Baseline)> RunRecordWritesAsync(HttpClient http, string? redis, PhaseCpu cpu)
    {
        var scenario = new RecordWriteScenario(options, cpu);
        var put = await Step("record writes", () => scenario.PutAsync(http, "record PUT /api/deliveries/{id}"));
        return (put, redis is null ? null : await Step("write baseline", () => scenario.BaselineAsync(redis)));
    }

    /// <summary>Each pipeline phase's host CPU time per delivery it posted.</summary>
    private static PipelineReport WithHostCpu(PipelineReport pipeline, HostUsage usage)
    {
        PhaseResult With(PhaseResult phase, string name) =>
            phase with { HostCpuMsPerOperation = usage.CpuSeconds(name) * 1000 / Math.Max(1, phase.Succeeded + phase.Failed) };
        var phases = PipelineScenario.Phases;
        return new PipelineReport(With(pipeline.Max, phases[0]), With(pipeline.Sustained, phases[1]), With(pipeline.AtHalf, phases[2]), With(pipeline.AtNinety, phases[3]));
    }

    private BenchReport Report(DateTimeOffset startedAt, string target, (PhaseResult Target, PhaseResult Baseline) ingestion,
        PipelineReport pipeline, StatusResults status, (PhaseResult Put, PhaseResult? Baseline) writes, HostUsage? memory) =>
        new(startedAt, target, command, MachineInfo.Current(), ingestion.Target, ingestion.Baseline, pipeline, status.Target, status.RedisGet, memory)
        {
            StatusHttpCeiling = status.HttpCeiling,
            RecordPut = writes.Put,
            RecordPutBaseline = writes.Baseline,
        };

    /// <summary>Lets the host sit for <paramref name="seconds"/> and returns its median working set over that time.</summary>
    private static async Task<long> SettleAsync(WorkingSetSampler sampler, string phase, double seconds)
    {
        sampler.Phase = phase;
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {phase}: {seconds} s without load");
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var readings = sampler.Samples.Where(sample => sample.Phase == phase).Select(sample => sample.Bytes).Order().ToList();
        return readings.Count == 0 ? sampler.SampleNow()?.Bytes ?? 0 : readings[readings.Count / 2];
    }

    private static async Task<T> Step<T>(string name, Func<Task<T>> step)
    {
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {name}…");
        return await step();
    }
}
