using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Services;

namespace DroneDelivery.UnitTests.DroneScheduler;

public sealed class DeliveryTripTests
{
    private const double RangeKm = 60;

    private static readonly double LegMetres = GeoMath.DistanceMetres(Fleet.Pickup, Fleet.Dropoff);

    [Fact]
    public void CanFly_CapableDrone_GivesItsDistanceToThePickup()
    {
        var drone = Fleet.Drone("near", kmNorth: 3).Drone;

        Assert.True(new DeliveryTrip(Fleet.Request(), RangeKm).CanFly(drone, out var metresToPickup));
        Assert.Equal(GeoMath.DistanceMetres(drone.Position, Fleet.Pickup), metresToPickup);
    }

    [Fact]
    public void CanFly_BatteryForExactlyThePickupDropoffAndBackTwice_Flies()
    {
        var drone = Fleet.Drone("exact", kmNorth: 3).Drone;
        var tripMetres = 2 * (GeoMath.DistanceMetres(drone.Position, Fleet.Pickup) + LegMetres);

        Assert.True(new DeliveryTrip(Fleet.Request(), RangeKm).CanFly(drone with { Battery = tripMetres * 1.000001 / (RangeKm * 1000) }, out _));
        Assert.False(new DeliveryTrip(Fleet.Request(), RangeKm).CanFly(drone with { Battery = tripMetres * 0.999999 / (RangeKm * 1000) }, out _));
    }

    [Fact]
    public void CanFly_BatteryShortOfTheDeliveryLegAlone_RefusesAnyDrone()
    {
        var drone = Fleet.Drone("at-the-pickup", kmNorth: 0).Drone with { Battery = 2 * LegMetres * 0.99 / (RangeKm * 1000) };

        Assert.False(new DeliveryTrip(Fleet.Request(), RangeKm).CanFly(drone, out _));
    }

    [Theory]
    [InlineData(ContainerSize.Small, 20.0, ContainerSize.Medium, 2.0)]
    [InlineData(ContainerSize.Large, 5.0, ContainerSize.Small, 6.0)]
    public void CanFly_PackageTooBigOrTooHeavy_Refuses(ContainerSize maxSize, double maxPayloadKg, ContainerSize size, double weight)
    {
        var drone = Fleet.Drone("limited", kmNorth: 1, maxPayloadKg: maxPayloadKg, maxSize: maxSize).Drone;

        Assert.False(new DeliveryTrip(Fleet.Request(size: size, weight: weight), RangeKm).CanFly(drone, out _));
    }
}
