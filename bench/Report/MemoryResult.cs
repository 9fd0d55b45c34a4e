using DroneDelivery.Bench.Target;

namespace DroneDelivery.Bench.Report;

/// <summary>
/// The local host's working set: idle (before any load), the peak, and after the run has settled.
/// It counts as back at idle when what remains above idle is at most <see cref="IdleTolerance"/> of the idle level.
/// </summary>
public sealed record MemoryResult(long IdleBytes, long PeakBytes, long AfterBytes, IReadOnlyList<WorkingSetSample> Samples)
{
    public const double IdleTolerance = 0.2;

    public bool ReturnedToIdle => AfterBytes <= IdleBytes * (1 + IdleTolerance);

    public static MemoryResult From(IReadOnlyList<WorkingSetSample> samples, long idle, long after) =>
        new(idle, samples.Count == 0 ? idle : samples.Max(sample => sample.Bytes), after, samples);
}
