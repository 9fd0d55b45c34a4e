using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Contracts.Geo;

/// <summary>Great-circle distances between locations.</summary>
public static class GeoMath
{
    private const double EarthRadiusMetres = 6_371_000;

    public static double DistanceMetres(Location from, Location to)
    {
        var lat1 = ToRadians(from.Latitude);
        var lat2 = ToRadians(to.Latitude);
        var dLat = lat2 - lat1;
        var dLon = ToRadians(to.Longitude - from.Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
