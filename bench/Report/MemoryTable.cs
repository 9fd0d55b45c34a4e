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
        table.AppendLine(CultureInfo.InvariantCulture, $"| Working set | idle MiB | steady MiB | peak MiB | final MiB | medians of the steady load's {MemoryReport.Windows} windows, MiB | grew beyond steady state (last window > 5% above every earlier one) | Durable instances peak / final |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---|---:|");
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {report.Samples.Count} samples | {report.IdleBytes / MiB:F0} | {report.SteadyBytes / MiB:F0} | {report.PeakBytes / MiB:F0} | {report.FinalBytes / MiB:F0} | {string.Join(", ", report.WindowMedians.Select(window => (window.Bytes / MiB).ToString("F0", CultureInfo.InvariantCulture)))} | {(report.GrewBeyondSteadyState ? "yes" : "no")} | {report.PeakInstances:N0} / {report.FinalInstances:N0} |");
        if (report is { IdleHeap: { } idle, FinalHeap: { } final })
        {
            table.AppendLine();
            table.AppendLine("| Live heap after a full collection | idle MiB | after the run MiB | back at idle (≤ idle + 25%) | working set after the collection: idle / after the run MiB |");
            table.AppendLine("|---|---:|---:|---|---:|");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| `POST /local/gc` | {idle.HeapBytesAfter / MiB:F1} | {final.HeapBytesAfter / MiB:F1} | {(report.LiveHeapBackAtIdle == true ? "yes" : "no")} | {idle.WorkingSetBytesAfter / MiB:F0} / {final.WorkingSetBytesAfter / MiB:F0} |");
        }

        if (report.LoadHeaps.Count > 0)
        {
            table.AppendLine();
            table.AppendLine("| Live heap during the load | " + string.Join(" | ", report.LoadHeaps.Select(reading => reading.Requested.ToString("N0", CultureInfo.InvariantCulture) + " requested")) + " | per further delivery | grew with the deliveries (> 10% of the first reading) |");
            table.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", report.LoadHeaps.Count)) + "---:|---|");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| MiB after a full collection | {string.Join(" | ", report.LoadHeaps.Select(reading => (reading.Heap.HeapBytesAfter / MiB).ToString("F1", CultureInfo.InvariantCulture)))} | {report.RetainedBytesPerDelivery:F0} B | {(report.LiveHeapGrewWithDeliveries == true ? "yes" : "no")} |");
        }

        return table.ToString();
    }
}
