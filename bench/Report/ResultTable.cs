using System.Globalization;
using System.Text;
using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Report;

/// <summary>The run as a Markdown table (printed, and pasted into docs/performance.md), with each figure's target.</summary>
public static class ResultTable
{
    private const double MiB = 1024 * 1024;

    public static string Render(BenchReport report)
    {
        var table = new StringBuilder();
        var machine = report.Machine;
        table.AppendLine(CultureInfo.InvariantCulture, $"{report.Target}; {machine.Cores} cores ({machine.CpuModel}), {machine.RamGiB} GiB RAM; load average at the end {machine.LoadAverage}");
        table.AppendLine();
        table.AppendLine("| Measure | OK | Failed | Rate /s | p50 ms | p90 ms | p99 ms | max ms | host CPU ms/op | Redis CPU µs/op | bench CPU µs/op | Figure (target) |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Row(table, report.IngestionBaseline, "baseline");
        Row(table, report.Ingestion, $"**{report.IngestionRatio:F2}× bare Kestrel** (≥ 0.5)");
        Row(table, report.Pipeline.Max, $"**{report.Pipeline.Max.PerSecond:F1} scheduled/s** (≥ 1,100)");
        Row(table, report.Pipeline.Sustained, $"{report.Pipeline.Sustained.PerSecond:F1} scheduled/s over {report.Pipeline.Sustained.Seconds:F0} s");
        Row(table, report.Pipeline.AtHalf, $"p99 {report.Pipeline.AtHalf.Latency.P99:F0} ms (≤ 250 at 50% of 1,100/s)");
        Row(table, report.Pipeline.AtNinety, "request→scheduled latency");
        if (report.Pipeline.Floor is { HostCpuMsPerOperation: > 0 and var floorMs } floor)
        {
            Row(table, floor, string.Create(CultureInfo.InvariantCulture,
                $"floor: ≤ {machine.Cores * 1000 / floorMs:F0}/s on {machine.Cores} cores; a delivery costs {report.Pipeline.CpuOverFloor:F1}× its CPU"));
        }

        if (report.StatusBaseline is not null)
        {
            Row(table, report.StatusBaseline, "baseline");
        }

        if (report.StatusHttpCeiling is not null)
        {
            Row(table, report.StatusHttpCeiling, $"HTTP ceiling: {report.HttpCeilingRatio:F2}× bare Redis GET");
        }

        Row(table, report.Status, StatusFigure(report));
        if (report.RecordPutBaseline is not null)
        {
            Row(table, report.RecordPutBaseline, "baseline");
        }

        if (report.RecordPut is not null)
        {
            Row(table, report.RecordPut, report.RecordPutRatio is { } ratio
                ? string.Create(CultureInfo.InvariantCulture, $"**{ratio:F2}× write baseline** (≥ 0.6)")
                : "no write baseline (pass --redis)");
        }

        if (report.Pipeline.Sustained.HostCpuMsPerOperation is > 0 and var cpuMs)
        {
            table.AppendLine();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"Host CPU per delivery (POST→scheduled, sustained phase): {cpuMs:F1} ms ⇒ at most {machine.Cores * 1000 / cpuMs:F0} deliveries/s on {machine.Cores} cores with nothing else running.");
        }

        string?[] serverCosts =
        [
            ServerCost("ingestion", report.Ingestion, report.IngestionBaseline),
            ServerCost("status read", report.Status, report.StatusHttpCeiling),
            ServerCost("record PUT", report.RecordPut, report.RecordPutBaseline),
        ];
        if (serverCosts.OfType<string>().ToList() is { Count: > 0 } costs)
        {
            table.AppendLine();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"Server CPU per request, the function (the host's) against its bare endpoint (the bench's CPU per request serving it, less its CPU per request as the host's client): {string.Join("; ", costs)}.");
        }

        if (report.RecordPut is { } put && report.RecordPutBaseline is { } writeBaseline && PhaseCpu.RedisBound(put) is { } bound)
        {
            table.AppendLine();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"Redis alone, at {put.RedisCpuUsPerOperation:F1} µs of its CPU per record PUT, serves at most {bound:F0} PUTs/s = {PhaseResult.Ratio(bound, writeBaseline.PerSecond):F2}× the write baseline's rate, whatever the host costs.");
        }

        if (report.Host is { } memory)
        {
            table.AppendLine();
            table.AppendLine("| Local host working set | idle MiB | peak MiB | after settling MiB | back at idle (≤ idle + 20%) |");
            table.AppendLine("|---|---:|---:|---:|---|");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {memory.Samples.Count} samples | {memory.IdleBytes / MiB:F0} | {memory.PeakBytes / MiB:F0} | {memory.AfterBytes / MiB:F0} | {(memory.ReturnedToIdle ? "yes" : "no")} |");
        }

        return table.ToString();
    }

    private static string StatusFigure(BenchReport report) => (report.StatusRatio, report.StatusHttpCeilingRatio) switch
    {
        ({ } ratio, { } ofCeiling) => string.Create(CultureInfo.InvariantCulture, $"**{ratio:F2}× bare Redis GET** (≥ 0.5); {ofCeiling:F2}× HTTP ceiling"),
        ({ } ratio, null) => string.Create(CultureInfo.InvariantCulture, $"**{ratio:F2}× bare Redis GET** (≥ 0.5)"),
        _ => "no Redis baseline (pass --redis)",
    };

    private static string? ServerCost(string name, PhaseResult? function, PhaseResult? baseline) =>
        function?.HostCpuMsPerOperation is { } host && baseline is not null && PhaseCpu.BareServerUs(baseline, function) is { } bare
            ? string.Create(CultureInfo.InvariantCulture, $"{name} {host * 1000:F1} against {bare:F1} µs")
            : null;

    /// <summary>A delivery's milliseconds with one decimal, a request's (under a millisecond) with three.</summary>
    private static string HostCpu(double? ms) => ms?.ToString(ms < 1 ? "F3" : "F1", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Microseconds(double? us) => us?.ToString("F1", CultureInfo.InvariantCulture) ?? string.Empty;

    private static void Row(StringBuilder table, PhaseResult phase, string figure)
    {
        var latency = phase.Latency;
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {phase.Name} | {phase.Succeeded} | {phase.Failed} | {phase.PerSecond:F1} | {latency.P50:F1} | {latency.P90:F1} | {latency.P99:F1} | {latency.Max:F1} | {HostCpu(phase.HostCpuMsPerOperation)} | {Microseconds(phase.RedisCpuUsPerOperation)} | {Microseconds(phase.BenchCpuUsPerOperation)} | {figure} |");
    }
}
