using System.Globalization;
using System.Text;
using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Report;

/// <summary>One pass of a record-write run: the write baseline, then the record PUT on this build and (when given) on the compared one.</summary>
public sealed record RecordWritePass(PhaseResult Baseline, PhaseResult Put, PhaseResult? ComparedPut);

/// <summary>A record-write run (<c>--record-writes</c>) as written to <c>writes.json</c>, and its Markdown table.</summary>
public sealed record RecordWriteRun(DateTimeOffset StartedAt, string Command, MachineInfo Machine, string Build, string? ComparedBuild, IReadOnlyList<RecordWritePass> Passes)
{
    public string ToMarkdown()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{Machine.Cores} cores ({Machine.CpuModel}), {Machine.RamGiB} GiB RAM; load average at the end {Machine.LoadAverage}");
        table.AppendLine(CultureInfo.InvariantCulture, $"This build: {Build}; compared build: {ComparedBuild ?? "none"}");
        table.AppendLine();
        table.AppendLine("| Pass | write baseline /s | Redis µs/SET | record PUT /s | × baseline (≥ 0.6) | p50 / p99 ms | host µs/PUT | Redis µs/PUT | Redis bound × baseline | compared PUT /s | × baseline | p50 / p99 ms | this / compared |");
        table.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var pass = 0;
        foreach (var (baseline, put, compared) in Passes)
        {
            var other = compared is null
                ? "| | | |"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{compared.PerSecond:F0}{Failures(compared)} | {compared.RatioTo(baseline):F2} | {compared.Latency.P50:F1} / {compared.Latency.P99:F1} | {put.RatioTo(compared):F2} |");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {++pass} | {baseline.PerSecond:F0} | {Figure(baseline.RedisCpuUsPerOperation)} | {put.PerSecond:F0}{Failures(put)} | {put.RatioTo(baseline):F2} | {put.Latency.P50:F1} / {put.Latency.P99:F1} | {Figure(put.HostCpuMsPerOperation * 1000)} | {Figure(put.RedisCpuUsPerOperation)} | {Figure(PhaseCpu.RedisBound(put) / baseline.PerSecond, "F2")} | {other}");
        }

        return table.ToString();
    }

    private static string Figure(double? value, string format = "F1") => value?.ToString(format, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Failures(PhaseResult phase) =>
        phase.Failed == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({phase.Failed} failed)");
}
