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

    /// <summary>A drone that lands with less battery than this docks to charge (<c>Charging</c>) instead of waiting for the next delivery.</summary>
    public double MinBattery { get; set; } = 0.3;

    /// <summary>The share of a full battery a docked drone gains per minute (0.02: empty to full in 50 minutes).</summary>
    public double ChargePerMinute { get; set; } = 0.02;

    /// <summary>How often the charging drones are looked at; one that is full goes back to <c>Available</c>.</summary>
    public TimeSpan ChargeCheck { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the available-drones gauge is recounted from the store.</summary>
    public TimeSpan GaugeRefresh { get; set; } = TimeSpan.FromSeconds(15);
}
