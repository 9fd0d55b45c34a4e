using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Report;

namespace DroneDelivery.UnitTests.Bench;

/// <summary>The printed table states the status reads against both of their baselines.</summary>
public sealed class ResultTableTests
{
    [Fact]
    public void Render_WithBothStatusBaselines_GivesTheIssuesRatioAndTheHttpCeilings()
    {
        var report = Report(redisGet: Phase("status, bare Redis GET", 40_000), httpCeiling: Phase("status, HTTP ceiling: bare Kestrel + Redis GET", 10_000));

        var table = ResultTable.Render(report);

        Assert.Contains("| status, HTTP ceiling: bare Kestrel + Redis GET | 10000 |", table, StringComparison.Ordinal);
        Assert.Contains("HTTP ceiling: 0.25× bare Redis GET |", table, StringComparison.Ordinal);
        Assert.Contains("**0.10× bare Redis GET** (≥ 0.5); 0.40× HTTP ceiling |", table, StringComparison.Ordinal);
        Assert.Equal(0.4, report.StatusHttpCeilingRatio!.Value, 10);
    }

    [Fact]
    public void Render_WithoutRedis_SaysThereIsNoBaseline()
    {
        var table = ResultTable.Render(Report(redisGet: null, httpCeiling: null));

        Assert.Contains("no Redis baseline (pass --redis)", table, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP ceiling", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithTheDurableFloor_GivesTheRateItAllowsAndWhatADeliveryCostsAgainstIt()
    {
        var report = Report(redisGet: null, httpCeiling: null);
        report = report with
        {
            Pipeline = report.Pipeline with
            {
                Sustained = Phase("pipeline sustained", 100) with { HostCpuMsPerOperation = 20 },
                Floor = Phase("pipeline floor: Durable alone, 6 no-op activities", 1_000) with { HostCpuMsPerOperation = 5 },
            },
        };

        var table = ResultTable.Render(report);

        Assert.Contains("| pipeline floor: Durable alone, 6 no-op activities | 1000 |", table, StringComparison.Ordinal);
        Assert.Contains("floor: ≤ 400/s on 2 cores; a delivery costs 4.0× its CPU |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutTheDurableFloor_HasNoFloorRow()
    {
        var table = ResultTable.Render(Report(redisGet: null, httpCeiling: null));

        Assert.DoesNotContain("floor", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithRecordWrites_GivesThePutAsARatioOfTheWriteBaseline()
    {
        var report = Report(redisGet: null, httpCeiling: null) with
        {
            RecordPut = Phase("record PUT /api/deliveries/{id}", 6_000),
            RecordPutBaseline = Phase("write baseline: bare Kestrel + Redis SET", 10_000),
        };

        var table = ResultTable.Render(report);

        Assert.Contains("| write baseline: bare Kestrel + Redis SET | 10000 |", table, StringComparison.Ordinal);
        Assert.Contains("| record PUT /api/deliveries/{id} | 6000 |", table, StringComparison.Ordinal);
        Assert.Contains("**0.60× write baseline** (≥ 0.6) |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithRedisCpuPerPut_SaysHowFastRedisAloneCouldServeThePuts()
    {
        var report = Report(redisGet: null, httpCeiling: null) with
        {
            RecordPut = Phase("record PUT /api/deliveries/{id}", 6_000) with { HostCpuMsPerOperation = 0.0926, RedisCpuUsPerOperation = 50 },
            RecordPutBaseline = Phase("write baseline: bare Kestrel + Redis SET", 40_000) with { RedisCpuUsPerOperation = 5 },
        };

        var table = ResultTable.Render(report);

        Assert.Contains("| 0.093 | 50.0 |  | **0.15× write baseline** (≥ 0.6) |", table, StringComparison.Ordinal);
        Assert.Contains("|  | 5.0 |  | baseline |", table, StringComparison.Ordinal);
        Assert.Contains("Redis alone, at 50.0 µs of its CPU per record PUT, serves at most 20000 PUTs/s = 0.50× the write baseline's rate", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithTheBenchsCpu_GivesEachFunctionsServerCostAgainstItsBareEndpoint()
    {
        var report = Report(redisGet: null, httpCeiling: null) with
        {
            RecordPut = Phase("record PUT /api/deliveries/{id}", 6_000) with { HostCpuMsPerOperation = 0.07, BenchCpuUsPerOperation = 20 },
            RecordPutBaseline = Phase("write baseline: bare Kestrel + Redis SET", 40_000) with { BenchCpuUsPerOperation = 45 },
            StatusHttpCeiling = Phase("status, HTTP ceiling: bare Kestrel + Redis GET", 40_000) with { BenchCpuUsPerOperation = 15 },
        };
        report = report with { Status = report.Status with { HostCpuMsPerOperation = 0.05, BenchCpuUsPerOperation = 18 } };

        var table = ResultTable.Render(report);

        // The status ceiling cost the bench less per read than the status reads' clients alone: no estimate, left out.
        Assert.Contains("as the host's client): record PUT 70.0 against 25.0 µs.", table, StringComparison.Ordinal);
        Assert.Contains("| 0.070 |  | 20.0 | **0.15× write baseline** (≥ 0.6) |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithRecordWritesButNoRedis_SaysThereIsNoWriteBaseline()
    {
        var table = ResultTable.Render(Report(redisGet: null, httpCeiling: null) with { RecordPut = Phase("record PUT /api/deliveries/{id}", 6_000) });

        Assert.Contains("no write baseline (pass --redis)", table, StringComparison.Ordinal);
    }

    private static BenchReport Report(PhaseResult? redisGet, PhaseResult? httpCeiling)
    {
        var pipeline = Phase("pipeline", 100);
        return new BenchReport(
            DateTimeOffset.UnixEpoch, "local host", "dotnet run", new MachineInfo(2, "test CPU", 1, "linux", ".NET", "0.1 0.1 0.1"),
            Phase("ingestion", 1_000), Phase("ingestion, bare Kestrel", 2_000), new PipelineReport(pipeline, pipeline, pipeline, pipeline),
            Phase("status, GET /api/deliveries/{id}/status", 4_000), redisGet, null)
        {
            StatusHttpCeiling = httpCeiling,
        };
    }

    private static PhaseResult Phase(string name, int succeeded) => new(name, succeeded, 0, 1, LatencySummary.Empty);
}
