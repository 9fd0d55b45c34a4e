using System.Globalization;
using System.Text;

namespace DroneDelivery.Bench.Report;

/// <summary>A memory run as Markdown (printed, and pasted into docs/performance.md).</summary>
public static class MemoryTable
{
    private const double MiB = 1024 * 1024;

    public static string Render(MemoryReport report, MachineInfo machine)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"local host (child process); {machine.Cores} cores ({machine.CpuModel}), {machine.RamGiB} GiB RAM; load average at the end {machine.LoadAverage}");
        table.AppendLine();
        table.AppendLine("| Deliveries requested | accepted | failed | ended (completed) | load s | rate /s | held back s |");
        table.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {report.Requested:N0} | {report.Accepted:N0} | {report.Failed:N0} | {report.Ended:N0} ({report.Completed:N0}) | {report.LoadSeconds:F0} | {report.Rate:F1} | {report.HeldSeconds:F0} |");
        table.AppendLine();
        table.AppendLine("| Working set | idle MiB | steady MiB | peak MiB | final MiB | slope, 2nd half of load | rise over it | grew beyond steady state (> 5%) | Durable instances peak / final |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|");
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {report.Samples.Count} samples | {report.IdleBytes / MiB:F0} | {report.SteadyBytes / MiB:F0} | {report.PeakBytes / MiB:F0} | {report.FinalBytes / MiB:F0} | {report.SecondHalfSlopeMiBPerMinute:F2} MiB/min | {report.SecondHalfGrowthMiB:F1} MiB over {report.SecondHalfSeconds / 60:F1} min | {(report.GrewBeyondSteadyState ? "yes" : "no")} | {report.PeakInstances:N0} / {report.FinalInstances:N0} |");
        if (report is { IdleHeap: { } idle, FinalHeap: { } final })
        {
            table.AppendLine();
            table.AppendLine("| Live heap after a full collection | idle MiB | after the run MiB | back at idle (≤ idle + 25%) | working set after the collection: idle / after the run MiB |");
            table.AppendLine("|---|---:|---:|---|---:|");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| `POST /local/gc` | {idle.HeapBytesAfter / MiB:F1} | {final.HeapBytesAfter / MiB:F1} | {(report.LiveHeapBackAtIdle == true ? "yes" : "no")} | {idle.WorkingSetBytesAfter / MiB:F0} / {final.WorkingSetBytesAfter / MiB:F0} |");
        }

        return table.ToString();
    }
}
