using DroneDelivery.Bench.Scenarios;
using DroneDelivery.Bench.Target;
using DroneDelivery.DevHost.Hosting;

namespace DroneDelivery.Bench.Report;

/// <summary>
/// A memory run's figures. Idle: median working set before any load. Steady: median while deliveries
/// were requested, after the first <see cref="WarmUpShare"/> of that time. Peak: the highest sample.
/// Final: median of the last <see cref="FinalSamples"/> samples (after the host settled). Growth: the
/// steady part of the load is cut into <see cref="Windows"/> windows of equal time and each gets its
/// median (a median over minutes is not moved by where the GC's sawtooth happens to be); the working set
/// has grown beyond its steady state when the last window's median is more than <see cref="GrowthTolerance"/>
/// above every earlier window's. The live heap read during the load (<see cref="LoadHeaps"/>) answers
/// the sharper question: what each further delivery leaves behind.
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
    IReadOnlyList<WindowMedian> WindowMedians,
    int PeakInstances,
    int FinalInstances,
    IReadOnlyList<WorkingSetSample> Samples,
    IReadOnlyList<ProgressSample> Progress)
{
    public const double WarmUpShare = 0.1;
    public const int Windows = 4;
    public const double GrowthTolerance = 0.05;
    public const int FinalSamples = 10;

    /// <summary>How much the live heap may rise over the load's readings, as a share of the first one.</summary>
    public const double HeapGrowthTolerance = 0.1;

    /// <summary>The host's live heap after a full collection before the load (null when it was not asked).</summary>
    public HeapReading? IdleHeap { get; init; }

    /// <summary>The same after the run had settled: what the host still holds, without the GC's high-water mark.</summary>
    public HeapReading? FinalHeap { get; init; }

    /// <summary>The live heap read while deliveries were being requested (each quarter of them), at a steady number of them in flight.</summary>
    public IReadOnlyList<LoadHeapReading> LoadHeaps { get; init; } = [];

    /// <summary>True when the live heap after the run is at most <see cref="HeapTolerance"/> above its idle level.</summary>
    public bool? LiveHeapBackAtIdle => IdleHeap is null || FinalHeap is null ? null : FinalHeap.HeapBytesAfter <= IdleHeap.HeapBytesAfter * (1 + HeapTolerance);

    /// <summary>How much larger than at idle the live heap may be after the run (caches warmed, pools grown).</summary>
    public const double HeapTolerance = 0.25;

    /// <summary>Live heap bytes each further requested delivery added over the load: the least-squares slope through <see cref="LoadHeaps"/>; null with fewer than two readings.</summary>
    public double? RetainedBytesPerDelivery => LoadHeaps.Count < 2
        ? null
        : Slope(LoadHeaps.Select(reading => ((double)reading.Requested, (double)reading.Heap.HeapBytesAfter)).ToList());

    /// <summary>The fitted rise of the live heap from the first reading during the load to the last, in bytes.</summary>
    public double? LiveHeapRiseOverLoad => RetainedBytesPerDelivery * (LoadHeaps.Count < 2 ? 0 : LoadHeaps[^1].Requested - LoadHeaps[0].Requested);

    /// <summary>True when the live heap rose with the deliveries by more than <see cref="HeapGrowthTolerance"/> of its first reading; null without readings.</summary>
    public bool? LiveHeapGrewWithDeliveries => LiveHeapRiseOverLoad is { } rise ? rise > LoadHeaps[0].Heap.HeapBytesAfter * HeapGrowthTolerance : null;

    /// <summary>Accepted deliveries per second over the load.</summary>
    public double Rate => LoadSeconds <= 0 ? 0 : Accepted / LoadSeconds;

    public bool GrewBeyondSteadyState => WindowMedians.Count >= 2
        && WindowMedians[^1].Bytes > WindowMedians.Take(WindowMedians.Count - 1).Max(window => window.Bytes) * (1 + GrowthTolerance);

    public static MemoryReport From(int requested, int accepted, int failed, double loadSeconds, double heldSeconds,
        IReadOnlyList<WorkingSetSample> samples, IReadOnlyList<ProgressSample> progress)
    {
        var phases = MemoryScenario.Phases;
        var load = samples.Where(sample => sample.Phase == phases[1]).ToList();
        var loadStart = load.Count == 0 ? 0 : load[0].AtSeconds;
        var loadEnd = load.Count == 0 ? 0 : load[^1].AtSeconds;
        var steadyFrom = loadStart + ((loadEnd - loadStart) * WarmUpShare);
        var steady = load.Where(sample => sample.AtSeconds >= steadyFrom).ToList();
        var last = progress.Count == 0 ? new ProgressSample(0, 0, 0, 0, 0) : progress[^1];
        return new MemoryReport(
            requested, accepted, failed, last.Ended, last.Completed, loadSeconds, heldSeconds,
            Median(samples.Where(sample => sample.Phase == phases[0])),
            Median(steady),
            samples.Count == 0 ? 0 : samples.Max(sample => sample.Bytes),
            Median(samples.TakeLast(FinalSamples)),
            WindowMediansOf(steady, steadyFrom, loadEnd),
            progress.Count == 0 ? 0 : progress.Max(sample => sample.Instances),
            last.Instances,
            samples,
            progress);
    }

    /// <summary>The median of each of <see cref="Windows"/> equal stretches of time from <paramref name="from"/> to <paramref name="to"/>; empty windows are left out.</summary>
    public static IReadOnlyList<WindowMedian> WindowMediansOf(IReadOnlyList<WorkingSetSample> samples, double from, double to)
    {
        var width = (to - from) / Windows;
        if (samples.Count == 0 || width <= 0)
        {
            return [];
        }

        var medians = new List<WindowMedian>();
        for (var window = 0; window < Windows; window++)
        {
            var (start, end, isLast) = (from + (window * width), from + ((window + 1) * width), window == Windows - 1);
            var inWindow = samples.Where(sample => sample.AtSeconds >= start && (sample.AtSeconds < end || isLast)).ToList();
            if (inWindow.Count > 0)
            {
                medians.Add(new WindowMedian(start, isLast ? to : end, Median(inWindow)));
            }
        }

        return medians;
    }

    public static long Median(IEnumerable<WorkingSetSample> samples)
    {
        var sorted = samples.Select(sample => sample.Bytes).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    /// <summary>Least-squares slope of y over x; 0 with fewer than two points.</summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        var meanX = points.Average(point => point.X);
        var meanY = points.Average(point => point.Y);
        var covariance = points.Sum(point => (point.X - meanX) * (point.Y - meanY));
        var variance = points.Sum(point => (point.X - meanX) * (point.X - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }
}

/// <summary>The median working set over one window of the steady load, from and to seconds into the run.</summary>
public sealed record WindowMedian(double FromSeconds, double ToSeconds, long Bytes);

/// <summary>A live-heap reading (<c>POST /local/gc</c>) taken during the load, once <paramref name="Requested"/> deliveries had been requested and <paramref name="Ended"/> had ended.</summary>
public sealed record LoadHeapReading(int Requested, long Ended, HeapReading Heap);
