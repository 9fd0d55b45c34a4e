using DroneDelivery.Bench.Load;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Report;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// The pipeline, POST to scheduled. First a warm-up (<c>WarmUpSeconds</c> at <c>WarmUpRate</c>, not
/// reported): a fresh host spends a fifth of its CPU for its first half-minute under this load in the
/// JIT's background tier-up, which is not what a running system costs. Then a backlog (<c>BurstDeliveries</c> posted at once): the
/// rate at which the system drains it is its maximum rate. Then requests arrive at that rate for <c>SustainSeconds</c>, and at
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

    /// <summary>The unreported phase before the first one: load at a modest rate until the host's code is compiled.</summary>
    public const string WarmUp = "pipeline-warmup";

    public List<PostedDelivery> All { get; } = [];

    public async Task<PipelineReport> RunAsync(Action<string> phaseStarted)
    {
        _phaseStarted = phaseStarted;
        if (options.WarmUpSeconds > 0)
        {
            phaseStarted(WarmUp);
            await PacedAsync("warmup", options.WarmUpRate, options.WarmUpSeconds);
        }

        phaseStarted(Phases[0]);
        var (backlogResult, maxRate) = await DrainBacklogAsync("backlog", options.BurstDeliveries, "pipeline max: backlog drain");

        phaseStarted(Phases[1]);
        var sustained = await PacedAsync("sustained", maxRate.PerSecond, options.SustainSeconds);
        phaseStarted(Phases[2]);
        var half = await PacedAsync("at50", maxRate.PerSecond * 0.5, options.LatencySeconds);
        phaseStarted(Phases[3]);
        var ninety = await PacedAsync("at90", maxRate.PerSecond * 0.9, options.LatencySeconds);
        return new PipelineReport(
            backlogResult,
            Summarize($"pipeline sustained at {maxRate.PerSecond:F1}/s offered", sustained, DrainRate(sustained).Seconds),
            Summarize($"pipeline at 50% ({maxRate.PerSecond * 0.5:F1}/s offered)", half, DrainRate(half).Seconds),
            Summarize($"pipeline at 90% ({maxRate.PerSecond * 0.9:F1}/s offered)", ninety, DrainRate(ninety).Seconds));
    }

    /// <summary>
    /// Posts <paramref name="deliveries"/> at once (<c>Concurrency</c> at a time) and waits until they are scheduled: the
    /// rate at which the system drains the backlog is its maximum rate. <paramref name="collecting"/>, when given, is
    /// called once the backlog is through, before its tracking events are read.
    /// </summary>
    public async Task<(PhaseResult Result, (int Count, double Seconds, double PerSecond) Rate)> DrainBacklogAsync(string phase, int deliveries, string name, Action? collecting = null)
    {
        if (collecting is not null)
        {
            _phaseStarted = started =>
            {
                if (started == Collecting)
                {
                    collecting();
                }
            };
        }

        var backlog = new DeliveryPoster(http, payloads, phase);
        await ClosedLoop.RunAsync($"post {phase}", new LoadShape(options.Concurrency, TimeSpan.FromMinutes(5), Take(deliveries)), backlog.PostAsync);
        var drained = await CollectAsync(backlog);
        var rate = DrainRate(drained);
        return (Summarize(name, drained, rate.Seconds), rate);
    }

    /// <summary>
    /// Deliveries scheduled per second while a backlog drains: all of them, from the first request
    /// sent to the last delivery scheduled. (A window over the middle of the scheduled times
    /// overstates it: the backend interleaves every orchestration's steps, so most deliveries of a
    /// backlog are scheduled close together near its end.)
    /// </summary>
    public static (int Count, double Seconds, double PerSecond) DrainRate(IReadOnlyList<PostedDelivery> deliveries)
    {
        var scheduled = deliveries.Where(d => d.ScheduledAt is not null).ToList();
        if (scheduled.Count == 0)
        {
            return (0, 0, 0);
        }

        var seconds = (scheduled.Max(d => d.ScheduledAt!.Value) - deliveries.Min(d => d.SentAt)).TotalSeconds;
        return (scheduled.Count, seconds, seconds <= 0 ? 0 : scheduled.Count / seconds);
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

    private static PhaseResult Summarize(string name, List<PostedDelivery> deliveries, double seconds)
    {
        var latencies = deliveries.Select(d => d.LatencyMilliseconds).OfType<double>().ToArray();
        return new PhaseResult(name, latencies.Length, deliveries.Count - latencies.Length, seconds, LatencySummary.From(latencies));
    }
}
