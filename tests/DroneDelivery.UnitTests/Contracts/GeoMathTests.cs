using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.UnitTests.Contracts;

public sealed class GeoMathTests
{
    [Fact]
    public void DistanceMetres_SamePoint_IsZero()
    {
        Assert.Equal(0, GeoMath.DistanceMetres(new Location(47.6, -122.1), new Location(47.6, -122.1)));
    }

    [Fact]
    public void DistanceMetres_OneDegreeOfLatitude_IsAbout111Km()
    {
        Assert.InRange(GeoMath.DistanceMetres(new Location(0, 0), new Location(1, 0)), 111_000, 111_400);
    }

    [Fact]
    public void DistanceMetres_SeattleToRedmond_IsAbout17Km()
    {
        var distance = GeoMath.DistanceMetres(new Location(47.6062, -122.3321), new Location(47.6740, -122.1215));

        Assert.InRange(distance, 16_000, 18_000);
    }
}
