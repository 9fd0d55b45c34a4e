using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Report;

/// <summary>Everything one run measured: written as JSON, printed as a table, plotted as a chart.</summary>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    string Target,
    string Command,
    MachineInfo Machine,
    PhaseResult Ingestion,
    PhaseResult IngestionBaseline,
    PipelineReport Pipeline,
    PhaseResult Status,
    PhaseResult? StatusBaseline,
    HostUsage? Host)
{
    public double IngestionRatio => Ingestion.RatioTo(IngestionBaseline);

    public double? StatusRatio => StatusBaseline is null ? null : Status.RatioTo(StatusBaseline);

    /// <summary>The phases whose latencies the chart plots.</summary>
    public IEnumerable<PhaseResult> LatencyPhases =>
        new[] { IngestionBaseline, Ingestion, Pipeline.AtHalf, Pipeline.AtNinety, StatusBaseline, Status }.OfType<PhaseResult>();
}

/// <summary>The pipeline's phases, as measured.</summary>
public sealed record PipelineReport(PhaseResult Max, PhaseResult Sustained, PhaseResult AtHalf, PhaseResult AtNinety);
