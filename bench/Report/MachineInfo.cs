using System.Runtime.InteropServices;

namespace DroneDelivery.Bench.Report;

/// <summary>
/// What the run ran on: cores (as <c>nproc</c> counts them), CPU model, RAM, OS, runtime, and the
/// load average (1, 5, 15 min) when the run ended — other work on the machine shows there.
/// </summary>
public sealed record MachineInfo(int Cores, string CpuModel, double RamGiB, string Os, string Runtime, string LoadAverage)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Math.Round(MemTotalKiB() / 1024.0 / 1024.0, 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown");

    private static string? ProcField(string path, string field) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(line => line.StartsWith(field, StringComparison.Ordinal)).Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static long MemTotalKiB() =>
        long.TryParse(ProcField("/proc/meminfo", "MemTotal")?.Split(' ')[0], out var kib) ? kib : 0;
}
