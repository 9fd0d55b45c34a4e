using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Scenarios;

namespace DroneDelivery.UnitTests.Bench;

/// <summary>The bench's own arithmetic: percentiles, ratios, the drain rate and CPU per phase.</summary>
public sealed class BenchMathTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(99, 10)]
    [InlineData(100, 10)]
    public void Percentile_NearestRank_IsTheSmallestValueWithThatShareAtOrBelowIt(double percent, double expected) =>
        Assert.Equal(expected, LatencySummary.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], percent));

    [Fact]
    public void From_UnsortedLatencies_RanksThemInOrder()
    {
        var summary = LatencySummary.From([40, 10, 30, 20]);

        Assert.Equal((4, 20.0, 40.0, 40.0, 40.0), (summary.Count, summary.P50, summary.P90, summary.P99, summary.Max));
        Assert.Equal(LatencySummary.CurvePercentiles.Count, summary.Curve.Count);
    }

    [Fact]
    public void From_NoLatencies_IsEmpty() =>
        Assert.Same(LatencySummary.Empty, LatencySummary.From([]));

    [Fact]
    public void RatioTo_HalfTheBaselineRate_IsOneHalf()
    {
        var target = new PhaseResult("target", 500, 0, 10, LatencySummary.Empty);
        var baseline = new PhaseResult("baseline", 2000, 0, 20, LatencySummary.Empty);

        Assert.Equal(0.5, target.RatioTo(baseline), 10);
    }

    [Fact]
    public void RatioTo_BaselineThatDidNothing_IsZero() =>
        Assert.Equal(0, new PhaseResult("t", 5, 0, 1, LatencySummary.Empty).RatioTo(new PhaseResult("b", 0, 0, 0, LatencySummary.Empty)));

    [Fact]
    public void DrainRate_OneDeliveryScheduledEveryTenMilliseconds_Is100PerSecondFromFirstSendToLastScheduled()
    {
        var start = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var deliveries = Enumerable.Range(0, 100)
            .Select(index => new PostedDelivery($"d{index}", start.AddMilliseconds(index)) { ScheduledAt = start.AddMilliseconds(10 * (index + 1)) })
            .Append(new PostedDelivery("never", start.AddMilliseconds(5)))
            .ToList();

        var (count, seconds, perSecond) = PipelineScenario.DrainRate(deliveries);

        Assert.Equal(100, count);
        Assert.Equal(1.0, seconds, 6);
        Assert.Equal(100, perSecond, 6);
    }

    [Fact]
    public void CpuSeconds_OfAPhase_CountsFromTheSampleBeforeItToItsLastSample()
    {
        var usage = HostUsage.From(
            [new(0, "idle", 100, 1.0), new(1, "load", 300, 3.0), new(2, "load", 400, 4.5), new(3, "after", 150, 4.6)],
            idle: 100,
            after: 150);

        Assert.Equal(3.5, usage.CpuSeconds("load"), 10);
        Assert.Equal(400, usage.PeakBytes);
        Assert.False(usage.ReturnedToIdle);
    }
}
