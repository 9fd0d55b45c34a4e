using DroneDelivery.Bench.Target;

namespace DroneDelivery.Bench.Report;

/// <summary>
/// The local host's working set — idle (before any load), the peak, after the run has settled —
/// and the CPU time it used per phase. The working set counts as back at idle when what remains
/// above idle is at most <see cref="IdleTolerance"/> of the idle level.
/// </summary>
public sealed record HostUsage(long IdleBytes, long PeakBytes, long AfterBytes, IReadOnlyList<WorkingSetSample> Samples)
{
    public const double IdleTolerance = 0.2;

    public bool ReturnedToIdle => AfterBytes <= IdleBytes * (1 + IdleTolerance);

    public static HostUsage From(IReadOnlyList<WorkingSetSample> samples, long idle, long after) =>
        new(idle, samples.Count == 0 ? idle : samples.Max(sample => sample.Bytes), after, samples);

    /// <summary>CPU seconds the host used while <paramref name="phase"/> ran: from the last sample before it to its last sample.</summary>
    public double CpuSeconds(string phase)
    {
        var first = Samples.ToList().FindIndex(sample => sample.Phase == phase);
        var last = Samples.ToList().FindLastIndex(sample => sample.Phase == phase);
        return first < 0 ? 0 : Samples[last].CpuSeconds - (first == 0 ? 0 : Samples[first - 1].CpuSeconds);
    }
}
