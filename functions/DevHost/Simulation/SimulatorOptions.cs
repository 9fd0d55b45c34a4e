namespace DroneDelivery.DevHost.Simulation;

/// <summary>Configuration section <c>Simulator</c>. Flight speed and time scale are the shared <c>Drones</c> section.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the drones move and report.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Drones whose reports are in flight at once within a tick.</summary>
    public int MaxConcurrentReports { get; set; } = 16;
}
