using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Scenarios;
using DroneDelivery.Bench.Target;
using DroneDelivery.DevHost.Hosting;

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

    [Theory]
    [InlineData(40, 48, true)]
    [InlineData(40, 52, false)]
    public void LiveHeapBackAtIdle_AllowsAQuarterAboveTheIdleHeap(int idleMiB, int finalMiB, bool backAtIdle)
    {
        var report = MemoryReport.From(1000, 1000, 0, 100, 0, [Sample(0, 100 * MiB)], []) with
        {
            IdleHeap = new HeapReading(idleMiB * 2 * MiB, idleMiB * MiB, 150 * MiB, 140 * MiB),
            FinalHeap = new HeapReading(400 * MiB, finalMiB * MiB, 500 * MiB, 200 * MiB),
        };

        Assert.Equal(backAtIdle, report.LiveHeapBackAtIdle);
        Assert.Contains(backAtIdle ? "| yes | 140 / 200 |" : "| no | 140 / 200 |", MemoryTable.Render(report, new MachineInfo(2, "test CPU", 1, "linux", ".NET", "0.1")), StringComparison.Ordinal);
    }

    [Fact]
    public void LiveHeapBackAtIdle_WithoutReadings_IsUnknown_AndTheTableHasNoHeapRow()
    {
        var report = MemoryReport.From(1000, 1000, 0, 100, 0, [Sample(0, 100 * MiB)], []);

        Assert.Null(report.LiveHeapBackAtIdle);
        Assert.DoesNotContain("Live heap", MemoryTable.Render(report, new MachineInfo(2, "test CPU", 1, "linux", ".NET", "0.1")), StringComparison.Ordinal);
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
