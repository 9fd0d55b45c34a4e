using DroneDelivery.Bench.Scenarios;
using DroneDelivery.Bench.Target;
using DroneDelivery.DevHost.Hosting;

namespace DroneDelivery.Bench.Report;

/// <summary>
/// A memory run's figures. Idle: median working set before any load. Steady: median while deliveries
/// were requested, after the first <see cref="WarmUpShare"/> of that time. Peak: the highest sample.
/// Final: median of the last <see cref="FinalSamples"/> samples (after the host settled). Growth: a
/// least-squares line through the working set over the second half of the load, in MiB per minute;
/// the working set counts as grown beyond its steady state when that line rises by more than
/// <see cref="GrowthTolerance"/> of the steady level over the second half.
/// </summary>
public sealed record MemoryReport(
    int Requested,
    int Accepted,
    int Failed,
    long Ended,
    long Completed,
    double LoadSeconds,
    double HeldSeconds,
    long IdleBytes,
    long SteadyBytes,
    long PeakBytes,
    long FinalBytes,
    double SecondHalfSlopeMiBPerMinute,
    double SecondHalfSeconds,
    int PeakInstances,
    int FinalInstances,
    IReadOnlyList<WorkingSetSample> Samples,
    IReadOnlyList<ProgressSample> Progress)
{
    public const double WarmUpShare = 0.1;
    public const double GrowthTolerance = 0.05;
    public const int FinalSamples = 10;
    private const double MiB = 1024 * 1024;

    /// <summary>The host's live heap after a full collection before the load (null when it was not asked).</summary>
    public HeapReading? IdleHeap { get; init; }

    /// <summary>The same after the run had settled: what the host still holds, without the GC's high-water mark.</summary>
    public HeapReading? FinalHeap { get; init; }

    /// <summary>True when the live heap after the run is at most <see cref="HeapTolerance"/> above its idle level: the deliveries left nothing behind.</summary>
    public bool? LiveHeapBackAtIdle => IdleHeap is null || FinalHeap is null ? null : FinalHeap.HeapBytesAfter <= IdleHeap.HeapBytesAfter * (1 + HeapTolerance);

    /// <summary>How much larger than at idle the live heap may be after the run (caches warmed, pools grown).</summary>
    public const double HeapTolerance = 0.25;

    /// <summary>Accepted deliveries per second over the load.</summary>
    public double Rate => LoadSeconds <= 0 ? 0 : Accepted / LoadSeconds;

    /// <summary>MiB the fitted line rises over the second half of the load.</summary>
    public double SecondHalfGrowthMiB => SecondHalfSlopeMiBPerMinute * SecondHalfSeconds / 60;

    public bool GrewBeyondSteadyState => SecondHalfGrowthMiB > SteadyBytes / MiB * GrowthTolerance;

    public static MemoryReport From(int requested, int accepted, int failed, double loadSeconds, double heldSeconds,
        IReadOnlyList<WorkingSetSample> samples, IReadOnlyList<ProgressSample> progress)
    {
        var phases = MemoryScenario.Phases;
        var load = samples.Where(sample => sample.Phase == phases[1]).ToList();
        var loadStart = load.Count == 0 ? 0 : load[0].AtSeconds;
        var loadEnd = load.Count == 0 ? 0 : load[^1].AtSeconds;
        var steady = load.Where(sample => sample.AtSeconds >= loadStart + ((loadEnd - loadStart) * WarmUpShare)).ToList();
        var secondHalf = load.Where(sample => sample.AtSeconds >= (loadStart + loadEnd) / 2).ToList();
        var last = progress.Count == 0 ? new ProgressSample(0, 0, 0, 0, 0) : progress[^1];
        return new MemoryReport(
            requested, accepted, failed, last.Ended, last.Completed, loadSeconds, heldSeconds,
            Median(samples.Where(sample => sample.Phase == phases[0])),
            Median(steady),
            samples.Count == 0 ? 0 : samples.Max(sample => sample.Bytes),
            Median(samples.TakeLast(FinalSamples)),
            Slope(secondHalf) * 60 / MiB,
            secondHalf.Count < 2 ? 0 : secondHalf[^1].AtSeconds - secondHalf[0].AtSeconds,
            progress.Count == 0 ? 0 : progress.Max(sample => sample.Instances),
            last.Instances,
            samples,
            progress);
    }

    public static long Median(IEnumerable<WorkingSetSample> samples)
    {
        var sorted = samples.Select(sample => sample.Bytes).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    /// <summary>Least-squares slope of bytes over seconds; 0 with fewer than two samples.</summary>
    public static double Slope(IReadOnlyList<WorkingSetSample> samples)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var meanX = samples.Average(sample => sample.AtSeconds);
        var meanY = samples.Average(sample => (double)sample.Bytes);
        var covariance = samples.Sum(sample => (sample.AtSeconds - meanX) * (sample.Bytes - meanY));
        var variance = samples.Sum(sample => (sample.AtSeconds - meanX) * (sample.AtSeconds - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }
}
