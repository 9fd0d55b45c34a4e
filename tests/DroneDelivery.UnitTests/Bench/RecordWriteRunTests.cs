using DroneDelivery.Bench;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Report;

namespace DroneDelivery.UnitTests.Bench;

/// <summary>The record-write run: its options, and its table's ratios to each pass's write baseline and to the compared build.</summary>
public sealed class RecordWriteRunTests
{
    private static readonly MachineInfo Machine = new(2, "test CPU", 1, "linux", ".NET", "0.1 0.1 0.1");

    [Fact]
    public void TheRecordWritesOption_SetsThePassesAndTheComparedBuild()
    {
        var options = BenchOptions.Parse(["--record-writes", "3", "--compare-host-dll", "/tmp/main/DroneDelivery.DevHost.dll"]);

        Assert.Equal((3, "/tmp/main/DroneDelivery.DevHost.dll"), (options.RecordWritePasses, options.CompareHostDll));
        Assert.Equal(0, BenchOptions.Parse([]).RecordWritePasses);
    }

    [Fact]
    public void TheTable_GivesEachBuildsPutAgainstThePassBaseline_WhatRedisAllows_AndThisBuildAgainstTheCompared()
    {
        var run = new RecordWriteRun(DateTimeOffset.UnixEpoch, "dotnet run", Machine, "this", "main",
        [
            new RecordWritePass(
                Phase("write baseline", 20_000) with { RedisCpuUsPerOperation = 5 },
                Phase("record PUT", 8_000) with { HostCpuMsPerOperation = 0.1, RedisCpuUsPerOperation = 40 },
                Phase("record PUT, compared build", 2_000)),
        ]);

        var table = run.ToMarkdown();

        Assert.Contains("| 1 | 20000 | 5.0 | 8000 | 0.40 | 0.0 / 0.0 | 100.0 | 40.0 | 1.25 | 2000 | 0.10 | 0.0 / 0.0 | 4.00 |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTable_WithoutAComparedBuild_LeavesItsColumnsEmpty()
    {
        var run = new RecordWriteRun(DateTimeOffset.UnixEpoch, "dotnet run", Machine, "this", null,
            [new RecordWritePass(Phase("write baseline", 20_000), Phase("record PUT", 8_000) with { Failed = 3 }, null)]);

        var table = run.ToMarkdown();

        Assert.Contains("| 1 | 20000 |  | 8000 (3 failed) | 0.40 | 0.0 / 0.0 |  |  |  | | | | |\n", table.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static PhaseResult Phase(string name, int succeeded) => new(name, succeeded, 0, 1, LatencySummary.Empty);
}
