namespace DroneDelivery.DroneScheduler.Services;

/// <summary>Configuration section <c>Fleet</c>: the seed fleet and what a drone can fly.</summary>
public sealed class FleetOptions
{
    public const string Section = "Fleet";

    /// <summary>Drones created when the fleet store is empty.</summary>
    public int Size { get; set; } = 50;

    public double CenterLatitude { get; set; } = 47.6420;

    public double CenterLongitude { get; set; } = -122.1370;

    /// <summary>Seed drones are spread over a square of this half-width around the centre.</summary>
    public double RadiusKm { get; set; } = 10;

    /// <summary>How far a drone flies on a full battery.</summary>
    public double RangeKm { get; set; } = 60;

    /// <summary>How often the available-drones gauge is recounted from the store.</summary>
    public TimeSpan GaugeRefresh { get; set; } = TimeSpan.FromSeconds(15);
}
