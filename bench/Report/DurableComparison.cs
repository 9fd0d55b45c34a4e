using System.Globalization;
using System.Text;
using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Report;

/// <summary>One backend's backlog drain: the phase, and CPU milliseconds per scheduled delivery of the host and of its child processes.</summary>
public sealed record DurableBackendResult(string Backend, PhaseResult Backlog, double HostCpuMsPerDelivery, double ChildCpuMsPerDelivery);

/// <summary>A Durable backend comparison as written to <c>durable.json</c>, and its Markdown table.</summary>
public sealed record DurableComparison(DateTimeOffset StartedAt, string Command, MachineInfo Machine, IReadOnlyList<DurableBackendResult> Backends)
{
    public string ToMarkdown()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{Machine.Cores} cores ({Machine.CpuModel}), {Machine.RamGiB} GiB RAM; load average at the end {Machine.LoadAverage}");
        table.AppendLine();
        table.AppendLine("| Durable backend | scheduled | failed | seconds | deliveries/s | p50 ms | p99 ms | host CPU ms/delivery | Azurite CPU ms/delivery | rate vs in-memory | host CPU vs in-memory |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var baseline = Backends[0];
        foreach (var result in Backends)
        {
            var backlog = result.Backlog;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Backend} | {backlog.Succeeded} | {backlog.Failed} | {backlog.Seconds:F1} | {backlog.PerSecond:F1} | {backlog.Latency.P50:F0} | {backlog.Latency.P99:F0} | " +
                $"{result.HostCpuMsPerDelivery:F1} | {result.ChildCpuMsPerDelivery:F1} | {backlog.RatioTo(baseline.Backlog):F2}× | " +
                $"{PhaseResult.Ratio(result.HostCpuMsPerDelivery, baseline.HostCpuMsPerDelivery):F1}× |");
        }

        return table.ToString();
    }
}
