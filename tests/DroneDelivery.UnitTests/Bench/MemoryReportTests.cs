using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Scenarios;
using DroneDelivery.Bench.Target;

namespace DroneDelivery.UnitTests.Bench;

/// <summary>The memory run's arithmetic: steady level, the second-half slope and the growth verdict, and the ended count read from /api/metrics.</summary>
public sealed class MemoryReportTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Slope_OfAWorkingSetRisingOneMiBPerSecond_IsOneMiBPerSecond() =>
        Assert.Equal(MiB, MemoryReport.Slope([Sample(0, 100 * MiB), Sample(1, 101 * MiB), Sample(2, 102 * MiB), Sample(3, 103 * MiB)]), 6);

    [Fact]
    public void From_AFlatLoadAfterWarmUp_IsSteadyAtThatLevel_AndHasNotGrown()
    {
        // Idle at 100 MiB; the load ramps to 300 MiB in its first 10% and stays there (±1 MiB).
        var samples = Enumerable.Range(0, 10).Select(second => Sample(second, 100 * MiB, "memory-idle"))
            .Concat(Enumerable.Range(10, 100).Select(second => Sample(second, second < 20 ? 200 * MiB : (300 + (second % 2)) * MiB)))
            .Concat(Enumerable.Range(110, 10).Select(second => Sample(second, 280 * MiB, "memory-settle")))
            .ToList();

        var report = MemoryReport.From(1000, 1000, 0, 100, 0, samples, []);

        Assert.Equal((100 * MiB, 301 * MiB, 301 * MiB, 280 * MiB), (report.IdleBytes, report.SteadyBytes, report.PeakBytes, report.FinalBytes));
        Assert.InRange(report.SecondHalfGrowthMiB, -1, 1);
        Assert.False(report.GrewBeyondSteadyState);
    }

    [Fact]
    public void From_AWorkingSetStillRisingInTheSecondHalf_HasGrownBeyondItsSteadyState()
    {
        // 200 MiB rising 1 MiB a second for 100 s: 50 MiB over the second half, a quarter of the steady level.
        var samples = Enumerable.Range(0, 100).Select(second => Sample(second, (200 + second) * MiB)).ToList();

        var report = MemoryReport.From(1000, 1000, 0, 100, 0, samples, []);

        Assert.Equal(60, report.SecondHalfSlopeMiBPerMinute, 6);
        Assert.True(report.GrewBeyondSteadyState);
    }

    [Fact]
    public void EndedByStage_SumsTheEndedCounterOfAPrometheusScrape_ByStage()
    {
        const string Scrape = """
            # TYPE dronedelivery_deliveries_ended_total counter
            dronedelivery_deliveries_ended_total{otel_scope_name="DroneDelivery",stage="Completed"} 97 1764244800000
            dronedelivery_deliveries_ended_total{otel_scope_name="DroneDelivery",stage="Failed"} 3 1764244800000
            dronedelivery_deliveries_requested_total{otel_scope_name="DroneDelivery"} 120 1764244800000
            """;

        var ended = DeliveryProgress.EndedByStage(Scrape);

        Assert.Equal(new Dictionary<string, long> { ["Completed"] = 97, ["Failed"] = 3 }, ended);
    }

    private static WorkingSetSample Sample(double atSeconds, long bytes, string phase = "memory-load") => new(atSeconds, phase, bytes, 0);
}
