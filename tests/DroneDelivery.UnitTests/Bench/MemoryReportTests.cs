using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Scenarios;
using DroneDelivery.Bench.Target;
using DroneDelivery.DevHost.Hosting;

namespace DroneDelivery.UnitTests.Bench;

/// <summary>The memory run's arithmetic: steady level, the window medians and the growth verdicts, the live heap per delivery, and the ended count read from /api/metrics.</summary>
public sealed class MemoryReportTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Slope_OfALineRisingOneMiBPerStep_IsOneMiB() =>
        Assert.Equal(MiB, MemoryReport.Slope([(0, 100 * MiB), (1, 101 * MiB), (2, 102 * MiB), (3, 103 * MiB)]), 6);

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
        Assert.Equal(MemoryReport.Windows, report.WindowMedians.Count);
        Assert.All(report.WindowMedians, window => Assert.InRange(window.Bytes, 300 * MiB, 301 * MiB));
        Assert.False(report.GrewBeyondSteadyState);
    }

    [Fact]
    public void From_AWorkingSetStillRising_HasGrownBeyondItsSteadyState()
    {
        // 200 MiB rising 1 MiB a second for 100 s: each window's median is ~22 MiB above the one before.
        var samples = Enumerable.Range(0, 100).Select(second => Sample(second, (200 + second) * MiB)).ToList();

        var report = MemoryReport.From(1000, 1000, 0, 100, 0, samples, []);

        Assert.True(report.GrewBeyondSteadyState);
    }

    [Fact]
    public void From_ASawtoothThatEndsTheLoadInAGcDip_HasNotGrown()
    {
        // The GC's sawtooth between 400 and 500 MiB, a 100 s period: a line through the second half
        // depends on the phase it starts in; the windows' medians do not rise.
        var samples = Enumerable.Range(0, 1000).Select(second => Sample(second, (400 + (second % 100)) * MiB)).ToList();

        var report = MemoryReport.From(1000, 1000, 0, 1000, 0, samples, []);

        Assert.False(report.GrewBeyondSteadyState);
    }

    [Theory]
    [InlineData(512, true, "| 50.0 | 62.2 | 74.4 | 86.6 | 512 B | yes |")]
    [InlineData(0, false, "| 50.0 | 50.0 | 50.0 | 50.0 | 0 B | no |")]
    public void LiveHeap_DuringTheLoad_GrowsWithTheDeliveriesOnlyWhenEachLeavesSomethingBehind(long perDelivery, bool grew, string row)
    {
        var report = ReportWithLoadHeaps(25_000, 50 * MiB, perDelivery);

        Assert.Equal(perDelivery, report.RetainedBytesPerDelivery!.Value, 3);
        Assert.Equal(grew, report.LiveHeapGrewWithDeliveries);
        Assert.Contains(row, MemoryTable.Render(report, Machine), StringComparison.Ordinal);
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
        Assert.Contains(backAtIdle ? "| yes | 140 / 200 |" : "| no | 140 / 200 |", MemoryTable.Render(report, Machine), StringComparison.Ordinal);
    }

    [Fact]
    public void LiveHeapBackAtIdle_WithoutReadings_IsUnknown_AndTheTableHasNoHeapRow()
    {
        var report = MemoryReport.From(1000, 1000, 0, 100, 0, [Sample(0, 100 * MiB)], []);

        Assert.Null(report.LiveHeapBackAtIdle);
        Assert.Null(report.LiveHeapGrewWithDeliveries);
        Assert.DoesNotContain("Live heap", MemoryTable.Render(report, Machine), StringComparison.Ordinal);
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

    private static MachineInfo Machine => new(2, "test CPU", 1, "linux", ".NET", "0.1");

    /// <summary>Readings at 1, 2, 3 and 4 × <paramref name="every"/> deliveries, starting at <paramref name="first"/> bytes and rising <paramref name="perDelivery"/> bytes per delivery.</summary>
    private static MemoryReport ReportWithLoadHeaps(int every, long first, long perDelivery) =>
        MemoryReport.From(4 * every, 4 * every, 0, 100, 0, [Sample(0, 100 * MiB)], []) with
        {
            LoadHeaps = [.. Enumerable.Range(1, 4).Select(quarter =>
            {
                var heap = first + (perDelivery * (quarter - 1) * every);
                return new LoadHeapReading(quarter * every, (quarter * every) - 1000, new HeapReading(2 * heap, heap, 500 * MiB, 400 * MiB));
            })],
        };

    private static WorkingSetSample Sample(double atSeconds, long bytes, string phase = "memory-load") => new(atSeconds, phase, bytes, 0);
}
