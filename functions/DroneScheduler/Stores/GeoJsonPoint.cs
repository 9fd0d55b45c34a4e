using DroneDelivery.Contracts.Model;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>A GeoJSON point (<c>{"type":"Point","coordinates":[longitude, latitude]}</c>), as Cosmos DB's spatial functions read it.</summary>
public sealed class GeoJsonPoint
{
    public string Type { get; set; } = "Point";

    public double[] Coordinates { get; set; } = [];

    public static GeoJsonPoint From(Location location) => new() { Coordinates = [location.Longitude, location.Latitude] };
}
