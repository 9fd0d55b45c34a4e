namespace DroneDelivery.Contracts.Model;

/// <summary>A point in WGS 84 coordinates; altitude in metres.</summary>
public sealed record Location(double Latitude, double Longitude, double Altitude = 0);
