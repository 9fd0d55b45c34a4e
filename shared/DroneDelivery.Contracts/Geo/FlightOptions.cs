namespace DroneDelivery.Contracts.Geo;

/// <summary>
/// Configuration section <c>Drones</c>: how fast drones fly. <see cref="TimeScale"/> is 1 in
/// production; the local simulator flies faster (e.g. 60×) and the ETA follows it.
/// </summary>
public sealed class FlightOptions
{
    public const string Section = "Drones";

    public double SpeedMetresPerSecond { get; set; } = 15;

    public double TimeScale { get; set; } = 1;

    /// <summary>Metres covered per second of wall-clock time.</summary>
    public double EffectiveSpeed => SpeedMetresPerSecond * TimeScale;
}
