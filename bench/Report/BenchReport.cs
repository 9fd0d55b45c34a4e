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

    /// <summary>The status reads' second baseline: a bare Kestrel endpoint doing the same Redis GET per request (null without Redis).</summary>
    public PhaseResult? StatusHttpCeiling { get; init; }

    /// <summary>Status reads against the bare Redis GET: the figure.</summary>
    public double? StatusRatio => StatusBaseline is null ? null : Status.RatioTo(StatusBaseline);

    /// <summary>Status reads against the HTTP ceiling: what the status endpoint costs beyond HTTP and one GET.</summary>
    public double? StatusHttpCeilingRatio => StatusHttpCeiling is null ? null : Status.RatioTo(StatusHttpCeiling);

    /// <summary>The HTTP ceiling against the bare Redis GET: the most any HTTP status endpoint can reach of the figure here.</summary>
    public double? HttpCeilingRatio => StatusHttpCeiling is null || StatusBaseline is null ? null : StatusHttpCeiling.RatioTo(StatusBaseline);

    /// <summary>Record writes: <c>PUT /api/deliveries/{id}</c> of a new record per request.</summary>
    public PhaseResult? RecordPut { get; init; }

    /// <summary>The record writes' baseline: a bare Kestrel endpoint doing one Redis SET per request (null without Redis).</summary>
    public PhaseResult? RecordPutBaseline { get; init; }

    /// <summary>Record PUTs against the write baseline (target ≥ 0.6).</summary>
    public double? RecordPutRatio => RecordPut is null || RecordPutBaseline is null ? null : RecordPut.RatioTo(RecordPutBaseline);

    /// <summary>The phases whose latencies the chart plots.</summary>
    public IEnumerable<PhaseResult> LatencyPhases =>
        new[] { IngestionBaseline, Ingestion, Pipeline.AtHalf, Pipeline.AtNinety, StatusBaseline, StatusHttpCeiling, Status, RecordPutBaseline, RecordPut }.OfType<PhaseResult>();
}

/// <summary>The pipeline's phases, as measured.</summary>
public sealed record PipelineReport(PhaseResult Max, PhaseResult Sustained, PhaseResult AtHalf, PhaseResult AtNinety)
{
    /// <summary>The Durable machinery alone, delivery-shaped, no-op activities (local runs only): the least a delivery can cost here.</summary>
    public PhaseResult? Floor { get; init; }

    /// <summary>How many times the floor's CPU a delivery costs (sustained phase).</summary>
    public double? CpuOverFloor => Floor?.HostCpuMsPerOperation is > 0 and var floor && Sustained.HostCpuMsPerOperation is { } cpu ? cpu / floor : null;
}
