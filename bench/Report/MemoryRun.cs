namespace DroneDelivery.Bench.Report;

/// <summary>A memory run as written to <c>memory.json</c>: when, the command, the machine, the host's extra settings and the figures.</summary>
public sealed record MemoryRun(DateTimeOffset StartedAt, string Command, MachineInfo Machine, IReadOnlyList<string> HostSettings, MemoryReport Report);
