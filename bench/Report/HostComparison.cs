using System.Globalization;
using System.Text;
using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Report;

/// <summary>
/// One host's backlog drain: the phase, CPU milliseconds per scheduled delivery of the host and of its child processes,
/// and Durable work items per scheduled delivery (null when the backend does not count them).
/// </summary>
public sealed record HostVariantResult(string Variant, PhaseResult Backlog, double HostCpuMsPerDelivery, double ChildCpuMsPerDelivery, double? WorkItemsPerDelivery);

/// <summary>
/// A comparison of local hosts as written to its JSON file (<c>durable.json</c>, <c>fleet.json</c>), and its Markdown
/// table: <see cref="Varying"/> names what differs between the hosts; ratios are against the first.
/// </summary>
public sealed record HostComparison(DateTimeOffset StartedAt, string Command, MachineInfo Machine, string Varying, IReadOnlyList<HostVariantResult> Results)
{
    public string ToMarkdown()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{Machine.Cores} cores ({Machine.CpuModel}), {Machine.RamGiB} GiB RAM; load average at the end {Machine.LoadAverage}");
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {Varying} | scheduled | failed | seconds | deliveries/s | p50 ms | p99 ms | host CPU ms/delivery | child processes CPU ms/delivery | work items/delivery | rate vs first | host CPU vs first |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var baseline = Results[0];
        foreach (var result in Results)
        {
            var backlog = result.Backlog;
            var workItems = result.WorkItemsPerDelivery is { } perDelivery ? perDelivery.ToString("F1", CultureInfo.InvariantCulture) : "n/a";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Variant} | {backlog.Succeeded} | {backlog.Failed} | {backlog.Seconds:F1} | {backlog.PerSecond:F1} | {backlog.Latency.P50:F0} | {backlog.Latency.P99:F0} | " +
                $"{result.HostCpuMsPerDelivery:F1} | {result.ChildCpuMsPerDelivery:F1} | {workItems} | {backlog.RatioTo(baseline.Backlog):F2}× | " +
                $"{PhaseResult.Ratio(result.HostCpuMsPerDelivery, baseline.HostCpuMsPerDelivery):F2}× |");
        }

        return table.ToString();
    }
}
