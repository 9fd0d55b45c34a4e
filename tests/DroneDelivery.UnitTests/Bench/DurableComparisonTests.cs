using DroneDelivery.Bench;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Report;

namespace DroneDelivery.UnitTests.Bench;

/// <summary>The Durable backend comparison: its option, and its table's figures against the in-memory backend.</summary>
public sealed class DurableComparisonTests
{
    [Fact]
    public void TheDurableComparisonOption_SetsTheMeasuredAndTheWarmUpBacklogs()
    {
        var options = BenchOptions.Parse(["--durable-comparison", "300", "--durable-warmup", "50"]);

        Assert.Equal((300, 50), (options.DurableComparisonDeliveries, options.DurableWarmUpDeliveries));
        Assert.Equal(0, BenchOptions.Parse([]).DurableComparisonDeliveries);
    }

    [Fact]
    public void TheTable_GivesEachBackendsRateAndHostCpu_AsRatiosToTheInMemoryBackend()
    {
        var comparison = new DurableComparison(DateTimeOffset.UnixEpoch, "dotnet run", new MachineInfo(2, "test CPU", 1, "linux", ".NET", "0.1 0.1 0.1"),
        [
            new DurableBackendResult("InMemory", new PhaseResult("InMemory: backlog drain", 300, 0, 10, LatencySummary.Empty), 8, 0),
            new DurableBackendResult("AzureStorage", new PhaseResult("AzureStorage: backlog drain", 300, 0, 100, LatencySummary.Empty), 40, 90),
        ]);

        var table = comparison.ToMarkdown();

        Assert.Contains("| InMemory | 300 | 0 | 10.0 | 30.0 |", table, StringComparison.Ordinal);
        Assert.Contains("| 8.0 | 0.0 | 1.00× | 1.0× |", table, StringComparison.Ordinal);
        Assert.Contains("| AzureStorage | 300 | 0 | 100.0 | 3.0 |", table, StringComparison.Ordinal);
        Assert.Contains("| 40.0 | 90.0 | 0.10× | 5.0× |", table, StringComparison.Ordinal);
    }
}
