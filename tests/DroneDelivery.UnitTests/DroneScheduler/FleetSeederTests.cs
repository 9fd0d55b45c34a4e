using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.DroneScheduler.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace DroneDelivery.UnitTests.DroneScheduler;

public sealed class FleetSeederTests
{
    private static readonly FleetOptions Settings = new() { Size = 120, CenterLatitude = 47.6420, CenterLongitude = -122.1370, RadiusKm = 10 };

    [Fact]
    public void CreateFleet_SameOptions_GivesTheSameFleet()
    {
        Assert.Equal(FleetSeeder.CreateFleet(Settings), FleetSeeder.CreateFleet(Settings));
    }

    [Fact]
    public void CreateFleet_ConfiguredSize_CreatesThatManyUniqueAvailableDrones()
    {
        var fleet = FleetSeeder.CreateFleet(Settings);

        Assert.Equal(120, fleet.Count);
        Assert.Equal(120, fleet.Select(drone => drone.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(fleet, drone =>
        {
            Assert.Equal(DroneState.Available, drone.State);
            Assert.Null(drone.DeliveryId);
            Assert.Equal(1.0, drone.Battery);
        });
        Assert.Equal("drone-0001", fleet[0].Id);
    }

    [Fact]
    public void CreateFleet_Positions_StayInsideTheRadius()
    {
        var fleet = FleetSeeder.CreateFleet(Settings);

        var kmPerDegreeLongitude = 111.32 * Math.Cos(Settings.CenterLatitude * Math.PI / 180);
        Assert.All(fleet, drone =>
        {
            Assert.InRange(Math.Abs(drone.Position.Latitude - Settings.CenterLatitude) * 111.32, 0, Settings.RadiusKm);
            Assert.InRange(Math.Abs(drone.Position.Longitude - Settings.CenterLongitude) * kmPerDegreeLongitude, 0, Settings.RadiusKm);
        });
    }

    [Fact]
    public void CreateFleet_Sizes_CoverEverySizeWithMatchingPayload()
    {
        var fleet = FleetSeeder.CreateFleet(Settings);

        Assert.Equal(Enum.GetValues<ContainerSize>(), fleet.Select(drone => drone.MaxSize).Distinct().Order());
        Assert.All(fleet.Where(drone => drone.MaxSize == ContainerSize.Large), drone => Assert.Equal(50, drone.MaxPayloadKg));
    }

    [Fact]
    public async Task StartAsync_EmptyStore_AddsTheFleet()
    {
        var drones = Substitute.For<IDroneRepository>();
        drones.CountAsync(Arg.Any<CancellationToken>()).Returns(0);

        await Seeder(drones).StartAsync(CancellationToken.None);

        await drones.Received(1).AddAsync(Arg.Is<IEnumerable<Drone>>(fleet => fleet.Count() == 120), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task StartAsync_StoreHasDrones_AddsNothing()
    {
        var drones = Substitute.For<IDroneRepository>();
        drones.CountAsync(Arg.Any<CancellationToken>()).Returns(3);

        await Seeder(drones).StartAsync(CancellationToken.None);

        await drones.DidNotReceive().AddAsync(Arg.Any<IEnumerable<Drone>>(), Arg.Any<CancellationToken>());
    }

    private static FleetSeeder Seeder(IDroneRepository drones) =>
        new(drones, Options.Create(Settings), NullLogger<FleetSeeder>.Instance);
}
