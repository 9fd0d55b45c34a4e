using System.Globalization;

namespace DroneDelivery.Bench;

/// <summary>
/// Command-line options (<c>--name value</c>). Without <c>--target</c> the bench starts the local
/// host itself (and a redis-server for it); with it, it measures that deployment.
/// </summary>
public sealed class BenchOptions
{
    /// <summary>Base URL of a running deployment; null starts the local host as a child process.</summary>
    public Uri? Target { get; private set; }

    /// <summary>Redis the bare-GET baseline reads (the target's own store); for the local host, started by the bench when null.</summary>
    public string? Redis { get; private set; }

    /// <summary>Headers sent with every request to the target, e.g. <c>Authorization: Bearer …</c>.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public string ResultsDirectory { get; private set; } = "bench/results";

    /// <summary>Closed-loop workers for the HTTP phases; also the in-flight cap of the paced phases.</summary>
    public int Concurrency { get; private set; } = 64;

    /// <summary>Seconds of each ingestion and status-read phase (and of each baseline).</summary>
    public double HttpSeconds { get; private set; } = 10;

    /// <summary>
    /// Unreported seconds of the same load before each ingestion and status-read phase and each of their baselines, so
    /// all of them are measured with their hot code compiled (a fresh host's tier-up took a tenth of its CPU 20 s into load).
    /// </summary>
    public double HttpWarmUpSeconds { get; private set; } = 10;

    /// <summary>Deliveries posted at once to find the pipeline's maximum rate (it drains the backlog at that rate).</summary>
    public int BurstDeliveries { get; private set; } = 500;

    /// <summary>Seconds of unreported pipeline load before its phases (a fresh host compiles its hot code meanwhile); 0 skips it.</summary>
    public double WarmUpSeconds { get; private set; } = 30;

    /// <summary>Deliveries per second posted during the warm-up.</summary>
    public double WarmUpRate { get; private set; } = 20;

    /// <summary>Seconds the pipeline is driven at its maximum rate.</summary>
    public double SustainSeconds { get; private set; } = 30;

    /// <summary>Seconds of each latency phase (50% and 90% of the maximum rate).</summary>
    public double LatencySeconds { get; private set; } = 20;

    /// <summary>Upper bound on operations per phase (the duration usually ends a phase first).</summary>
    public int MaxPerPhase { get; private set; } = 2_000_000;

    /// <summary>Local host: drones in the fleet; caps the deliveries the pipeline phases may post (the simulator is off, so drones are not freed): a run at ~360 deliveries/s posts ~23,000.</summary>
    public int Fleet { get; private set; } = 40_000;

    /// <summary>Local host: DOTNET_PROCESSOR_COUNT for the child; 0 (the default) leaves the machine's own count (docs/decisions.md).</summary>
    public int ProcessorCount { get; private set; }

    /// <summary>Local host: the built DevHost assembly; found under functions/DevHost/bin/Release when null.</summary>
    public string? HostDll { get; private set; }

    /// <summary>Local host: extra configuration for the child, e.g. <c>--host-arg --LocalQueue:MaxConcurrentCalls=64</c>.</summary>
    public List<string> HostArguments { get; } = [];

    /// <summary>Local host: seconds to wait after the run before reading the working set again.</summary>
    public double SettleSeconds { get; private set; } = 20;

    /// <summary>In process: the fleet-size run instead of the phases above, this many assignments per pass (<see cref="Scenarios.FleetScenario"/>); 0 runs the phases.</summary>
    public int FleetAssignments { get; private set; }

    /// <summary>
    /// Fleet sizes (comma-separated) the fleet-size run measures, each against 4,000 drones when that is among them.
    /// </summary>
    public IReadOnlyList<int> FleetSizes { get; private set; } = [1_000, 4_000, 20_000, 100_000];

    /// <summary>
    /// Local host: a memory run instead of the phases above — this many deliveries flown to the end
    /// (simulator on, drones cycling) while the working set is sampled; 0 runs the phases.
    /// </summary>
    public int MemoryDeliveries { get; private set; }

    /// <summary>Memory run: deliveries requested per second at most (held back while more than 20 s of them are unfinished).</summary>
    public double MemoryRate { get; private set; } = 60;

    /// <summary>Memory run: seconds deliveries are requested for at most (the run stops short of <c>MemoryDeliveries</c> then).</summary>
    public double MemorySeconds { get; private set; } = 3600;

    /// <summary>Memory run: drones in the fleet (they are released after each delivery and fly again).</summary>
    public int MemoryFleet { get; private set; } = 1_000;

    /// <summary>
    /// Local host: a Durable backend comparison instead of the phases above — this many deliveries drained as a backlog
    /// on the in-memory backend, then on Azure Storage (Azurite), each host fresh; 0 runs the phases.
    /// </summary>
    public int DurableComparisonDeliveries { get; private set; }

    /// <summary>
    /// Local host: a fleet-size comparison instead of the phases above — the pipeline on a fresh host per fleet size
    /// (<c>--fleet-compare 4000,100000</c>), each draining a backlog of <see cref="BurstDeliveries"/> deliveries after
    /// <see cref="DurableWarmUpDeliveries"/> unreported ones; empty runs the phases.
    /// </summary>
    public IReadOnlyList<int> FleetCompare { get; private set; } = [];

    /// <summary>Durable and fleet comparisons: deliveries drained first on each host, unreported, so its hot code is compiled.</summary>
    public int DurableWarmUpDeliveries { get; private set; } = 100;

    /// <summary>
    /// Local host: a record-write run instead of the phases above — this many passes, each the write
    /// baseline then the record PUT on the host (and on <see cref="CompareHostDll"/>'s), all on one
    /// redis-server (<see cref="Scenarios.RecordWriteScenario"/>); 0 runs the phases.
    /// </summary>
    public int RecordWritePasses { get; private set; }

    /// <summary>Record-write run: another DevHost build (e.g. main's) whose record PUT is measured in each pass beside this one's.</summary>
    public string? CompareHostDll { get; private set; }

    /// <summary>
    /// Local host: a webhook comparison instead of the phases above — in each round this many deliveries flown to
    /// Completed for an owner without webhooks, then for one whose webhook receiver refuses connections
    /// (<see cref="Scenarios.WebhookComparisonScenario"/>); 0 runs the phases.
    /// </summary>
    public int WebhookComparisonDeliveries { get; private set; }

    /// <summary>Webhook comparison: rounds, each both owners in turn (after <c>--durable-warmup</c> deliveries each, unreported).</summary>
    public int WebhookRounds { get; private set; } = 3;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options.Set(name, value);
        }

        return options;
    }

    private void Set(string name, string value)
    {
        switch (name)
        {
            case "--target": Target = new Uri(value.EndsWith('/') ? value : value + "/"); break;
            case "--redis": Redis = value; break;
            case "--header": Headers.Add(Header(value)); break;
            case "--out": ResultsDirectory = value; break;
            case "--concurrency": Concurrency = Int(value); break;
            case "--http-seconds": HttpSeconds = Double(value); break;
            case "--http-warmup-seconds": HttpWarmUpSeconds = Double(value); break;
            case "--burst": BurstDeliveries = Int(value); break;
            case "--warmup-seconds": WarmUpSeconds = Double(value); break;
            case "--warmup-rate": WarmUpRate = Double(value); break;
            case "--sustain-seconds": SustainSeconds = Double(value); break;
            case "--latency-seconds": LatencySeconds = Double(value); break;
            case "--max-per-phase": MaxPerPhase = Int(value); break;
            case "--fleet": Fleet = Int(value); break;
            case "--processor-count": ProcessorCount = Int(value); break;
            case "--host-dll": HostDll = value; break;
            case "--host-arg": HostArguments.Add(value); break;
            case "--settle-seconds": SettleSeconds = Double(value); break;
            case "--memory-deliveries": MemoryDeliveries = Int(value); break;
            case "--memory-rate": MemoryRate = Double(value); break;
            case "--memory-fleet": MemoryFleet = Int(value); break;
            case "--memory-seconds": MemorySeconds = Double(value); break;
            case "--durable-comparison": DurableComparisonDeliveries = Int(value); break;
            case "--durable-warmup": DurableWarmUpDeliveries = Int(value); break;
            case "--fleet-assignments": FleetAssignments = Int(value); break;
            case "--fleet-sizes": FleetSizes = Ints(value); break;
            case "--fleet-compare": FleetCompare = Ints(value); break;
            case "--record-writes": RecordWritePasses = Int(value); break;
            case "--compare-host-dll": CompareHostDll = value; break;
            case "--webhook-comparison": WebhookComparisonDeliveries = Int(value); break;
            case "--webhook-rounds": WebhookRounds = Int(value); break;
            default: throw new ArgumentException($"Unknown option {name}. See README \"Benchmarks\".");
        }
    }

    private static KeyValuePair<string, string> Header(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0
            ? throw new ArgumentException($"--header takes \"Name: value\", got \"{value}\".")
            : new(value[..colon].Trim(), value[(colon + 1)..].Trim());
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static int[] Ints(string value) => [.. value.Split(',').Select(Int)];

    private static double Double(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
