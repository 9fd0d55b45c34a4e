namespace DroneDelivery.Bench.Measurement;

/// <summary>Latency percentiles in milliseconds (nearest-rank), with the sample count they come from.</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max, IReadOnlyList<double> Curve)
{
    /// <summary>The percentiles the chart plots (<see cref="Curve"/> holds the latency at each).</summary>
    public static IReadOnlyList<double> CurvePercentiles { get; } = [1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100];

    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, []);

    public static LatencySummary From(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return Empty;
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 90), Percentile(sorted, 99), sorted[^1],
            CurvePercentiles.Select(percent => Percentile(sorted, percent)).ToArray());
    }

    /// <summary>Nearest-rank percentile of an ascending array: the smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    public static double Percentile(double[] ascending, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ascending.Length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (int)Math.Ceiling(percent / 100 * ascending.Length);
        return ascending[rank - 1];
    }
}
