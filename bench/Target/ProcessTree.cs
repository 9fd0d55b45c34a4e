using System.Diagnostics;
using System.Globalization;

namespace DroneDelivery.Bench.Target;

/// <summary>
/// CPU time of a process and, separately, of everything it started (its descendants, read from Linux's
/// <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/children</c>): the local host and the Azurite it runs for the Azure Storage backend.
/// </summary>
public static class ProcessTree
{
    public static (TimeSpan Own, TimeSpan Descendants) CpuTime(int processId)
    {
        var own = CpuOf(processId);
        var descendants = Descendants(processId).Aggregate(TimeSpan.Zero, (sum, child) => sum + CpuOf(child));
        return (own, descendants);
    }

    private static IEnumerable<int> Descendants(int processId)
    {
        var tasks = $"/proc/{processId}/task";
        if (!Directory.Exists(tasks))
        {
            yield break;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            string children;
            try
            {
                children = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (IOException)
            {
                continue; // the thread ended
            }

            foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture)))
            {
                yield return child;
                foreach (var grandchild in Descendants(child))
                {
                    yield return grandchild;
                }
            }
        }
    }

    private static TimeSpan CpuOf(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero; // it has exited
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }
}
