using DroneDelivery.Bench;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Scenarios;

namespace DroneDelivery.UnitTests.Bench;

/// <summary>The host comparisons (Durable backends, fleet sizes): their options, and their table's figures against the first host.</summary>
public sealed class HostComparisonTests
{
    [Fact]
    public void TheDurableComparisonOption_SetsTheMeasuredAndTheWarmUpBacklogs()
    {
        var options = BenchOptions.Parse(["--durable-comparison", "300", "--durable-warmup", "50"]);

        Assert.Equal((300, 50), (options.DurableComparisonDeliveries, options.DurableWarmUpDeliveries));
        Assert.Equal(0, BenchOptions.Parse([]).DurableComparisonDeliveries);
    }

    [Fact]
    public void TheFleetCompareOption_StartsOneHostPerFleetSize_WithThatFleet()
    {
        var options = BenchOptions.Parse(["--fleet-compare", "4000,100000"]);

        var variants = HostVariant.FleetSizes(options.FleetCompare);

        Assert.Equal(["4,000 drones", "100,000 drones"], variants.Select(variant => variant.Name));
        Assert.Equal(["--Fleet:Size", "100000"], variants[1].HostArguments);
        Assert.Equal(100_000, variants[1].Fleet);
        Assert.Empty(BenchOptions.Parse([]).FleetCompare);
    }

    [Fact]
    public void TheTable_GivesEachHostsRateHostCpuAndWorkItems_AsRatiosToTheFirstHost()
    {
        var comparison = new HostComparison(DateTimeOffset.UnixEpoch, "dotnet run", new MachineInfo(2, "test CPU", 1, "linux", ".NET", "0.1 0.1 0.1"), "Durable backend",
        [
            new HostVariantResult("InMemory", new PhaseResult("InMemory: backlog drain", 300, 0, 10, LatencySummary.Empty), 8, 0, 7),
            new HostVariantResult("AzureStorage", new PhaseResult("AzureStorage: backlog drain", 300, 0, 100, LatencySummary.Empty), 40, 90, null),
        ]);

        var table = comparison.ToMarkdown();

        Assert.Contains("| Durable backend | scheduled |", table, StringComparison.Ordinal);
        Assert.Contains("| InMemory | 300 | 0 | 10.0 | 30.0 |", table, StringComparison.Ordinal);
        Assert.Contains("| 8.0 | 0.0 | 7.0 | 1.00× | 1.00× |", table, StringComparison.Ordinal);
        Assert.Contains("| AzureStorage | 300 | 0 | 100.0 | 3.0 |", table, StringComparison.Ordinal);
        Assert.Contains("| 40.0 | 90.0 | n/a | 0.10× | 5.00× |", table, StringComparison.Ordinal);
    }
}
