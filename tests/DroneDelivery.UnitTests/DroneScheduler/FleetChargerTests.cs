using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace DroneDelivery.UnitTests.DroneScheduler;

/// <summary>The charger: a docked drone is available again once full on the clock, not before, and not if an admin took it meanwhile.</summary>
public sealed class FleetChargerTests
{
    private readonly IDroneRepository _drones = Substitute.For<IDroneRepository>();
    private readonly FakeTimeProvider _clock = new(TestTime.Start);
    private readonly VersionedDrone _docked = Fleet.InState("drone-0001", DroneState.Charging, battery: 0.2) is var drone
        ? drone with { Drone = drone.Drone with { ChargingSince = TestTime.Start } }
        : throw new InvalidOperationException();

    public FleetChargerTests()
    {
        _drones.ListAsync(DroneState.Charging, Arg.Any<CancellationToken>()).Returns([_docked.Drone]);
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>()).Returns(_docked);
        _drones.TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(true);
    }

    [Fact]
    public async Task ADroneNotYetFull_StaysCharging()
    {
        _clock.Advance(TimeSpan.FromMinutes(39));

        Assert.Equal(0, await Charger().ChargeAsync(CancellationToken.None));

        await _drones.DidNotReceiveWithAnyArgs().TryReplaceAsync(default!, default!, default);
    }

    [Fact]
    public async Task ADroneFullOnTheClock_IsAvailableAgainWithAFullBattery()
    {
        _clock.Advance(TimeSpan.FromMinutes(40));

        Assert.Equal(1, await Charger().ChargeAsync(CancellationToken.None));

        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.State == DroneState.Available && drone.Battery == 1 && drone.ChargingSince == null), "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ADroneAnAdminPutInMaintenanceSinceTheList_IsLeftInMaintenance()
    {
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>()).Returns(_docked with { Drone = _docked.Drone with { State = DroneState.Maintenance, ChargingSince = null } });
        _clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await Charger().ChargeAsync(CancellationToken.None));

        await _drones.DidNotReceiveWithAnyArgs().TryReplaceAsync(default!, default!, default);
    }

    private FleetCharger Charger() => new(_drones, Options.Create(new FleetOptions()), _clock, NullLogger<FleetCharger>.Instance);
}
