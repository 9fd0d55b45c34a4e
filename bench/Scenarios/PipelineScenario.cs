using DroneDelivery.Bench.Load;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Report;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// The pipeline, POST to scheduled. First a backlog (<c>BurstDeliveries</c> posted at once): the
/// rate at which the system drains it — between the 10th and 90th percentile of the scheduled
/// times — is its maximum rate. Then requests arrive at that rate for <c>SustainSeconds</c>, and at
/// 50% and 90% of it for <c>LatencySeconds</c> each, for the request→scheduled latencies. Every
/// phase is capped so the run never posts more deliveries than the fleet has drones.
/// </summary>
public sealed class PipelineScenario(HttpClient http, BenchOptions options, DeliveryPayloads payloads, int fleetBudget)
{
    private readonly ScheduleTracker _tracker = new(http, TimeSpan.FromSeconds(60));
    private int _budget = fleetBudget;

    private Action<string> _phaseStarted = _ => { };

    /// <summary>The phases, as reported to <c>phaseStarted</c> (reading the tracking events afterwards is phase <see cref="Collecting"/>).</summary>
    public static IReadOnlyList<string> Phases { get; } = ["pipeline-backlog", "pipeline-sustained", "pipeline-50%", "pipeline-90%"];

    public const string Collecting = "collect";

    public List<PostedDelivery> All { get; } = [];

    public async Task<PipelineReport> RunAsync(Action<string> phaseStarted)
    {
        _phaseStarted = phaseStarted;
        phaseStarted(Phases[0]);
        var backlog = new DeliveryPoster(http, payloads, "backlog");
        await ClosedLoop.RunAsync("post backlog", new LoadShape(options.Concurrency, TimeSpan.FromMinutes(5), Take(options.BurstDeliveries)), backlog.PostAsync);
        var drained = await CollectAsync(backlog);
        var maxRate = DrainRate(drained);
        var backlogResult = Summarize("pipeline max: backlog drain", drained, maxRate.Seconds);

        phaseStarted(Phases[1]);
        var sustained = await PacedAsync("sustained", maxRate.PerSecond, options.SustainSeconds);
        phaseStarted(Phases[2]);
        var half = await PacedAsync("at50", maxRate.PerSecond * 0.5, options.LatencySeconds);
        phaseStarted(Phases[3]);
        var ninety = await PacedAsync("at90", maxRate.PerSecond * 0.9, options.LatencySeconds);
        return new PipelineReport(
            backlogResult with { Succeeded = maxRate.Count },
            Summarize($"pipeline sustained at {maxRate.PerSecond:F0}/s offered", sustained, Window(sustained)),
            Summarize($"pipeline at 50% ({maxRate.PerSecond * 0.5:F0}/s offered)", half, Window(half)),
            Summarize($"pipeline at 90% ({maxRate.PerSecond * 0.9:F0}/s offered)", ninety, Window(ninety)));
    }

    /// <summary>Deliveries scheduled per second while a backlog drains: the middle 80% of the scheduled times, so the ramp-up and the tail do not count.</summary>
    public static (int Count, double Seconds, double PerSecond) DrainRate(IEnumerable<PostedDelivery> deliveries)
    {
        var times = deliveries.Where(d => d.ScheduledAt is not null).Select(d => d.ScheduledAt!.Value).Order().ToArray();
        if (times.Length < 10)
        {
            return (times.Length, 0, 0);
        }

        var first = times.Length / 10;
        var last = times.Length - 1 - (times.Length / 10);
        var seconds = (times[last] - times[first]).TotalSeconds;
        var count = last - first;
        return (count, seconds, seconds <= 0 ? 0 : count / seconds);
    }

    private async Task<List<PostedDelivery>> PacedAsync(string phase, double perSecond, double seconds)
    {
        var poster = new DeliveryPoster(http, payloads, phase);
        var shape = new LoadShape(options.Concurrency, TimeSpan.FromSeconds(seconds), Take((int)Math.Ceiling(perSecond * seconds)));
        await PacedLoop.RunAsync($"post {phase}", Math.Max(perSecond, 1), shape, poster.PostAsync);
        return await CollectAsync(poster);
    }

    private async Task<List<PostedDelivery>> CollectAsync(DeliveryPoster poster)
    {
        var posted = poster.Posted.ToList();
        await _tracker.CollectAsync(posted, () => _phaseStarted(Collecting));
        All.AddRange(posted);
        return posted;
    }

    private int Take(int wanted)
    {
        var granted = Math.Min(wanted, _budget);
        if (granted < wanted)
        {
            Console.Error.WriteLine($"  fleet budget: {granted} of {wanted} deliveries posted (raise --fleet)");
        }

        _budget -= granted;
        return granted;
    }

    /// <summary>From the first request sent to the last delivery scheduled.</summary>
    private static double Window(List<PostedDelivery> deliveries)
    {
        var scheduled = deliveries.Where(d => d.ScheduledAt is not null).ToList();
        return scheduled.Count == 0 ? 0 : (scheduled.Max(d => d.ScheduledAt!.Value) - deliveries.Min(d => d.SentAt)).TotalSeconds;
    }

    private static PhaseResult Summarize(string name, List<PostedDelivery> deliveries, double seconds)
    {
        var latencies = deliveries.Select(d => d.LatencyMilliseconds).OfType<double>().ToArray();
        return new PhaseResult(name, latencies.Length, deliveries.Count - latencies.Length, seconds, LatencySummary.From(latencies));
    }
}
