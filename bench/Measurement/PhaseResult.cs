namespace DroneDelivery.Bench.Measurement;

/// <summary>One measured phase: how many operations succeeded and failed, over how long, and their latencies.</summary>
public sealed record PhaseResult(string Name, int Succeeded, int Failed, double Seconds, LatencySummary Latency)
{
    public double PerSecond => Seconds <= 0 ? 0 : Succeeded / Seconds;

    /// <summary>CPU milliseconds the local host spent per operation of this phase, when it was measured.</summary>
    public double? HostCpuMsPerOperation { get; init; }

    /// <summary>CPU microseconds the Redis server spent per operation of this phase, when it was measured (<see cref="PhaseCpu"/>).</summary>
    public double? RedisCpuUsPerOperation { get; init; }

    /// <summary>CPU microseconds the bench process spent per operation of this phase: its clients and, for a baseline, the bare endpoint it serves.</summary>
    public double? BenchCpuUsPerOperation { get; init; }

    /// <summary>This phase's rate as a fraction of <paramref name="baseline"/>'s (0 when the baseline did nothing).</summary>
    public double RatioTo(PhaseResult baseline) => Ratio(PerSecond, baseline.PerSecond);

    public static double Ratio(double value, double baseline) => baseline <= 0 ? 0 : value / baseline;
}
