using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Functions;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace DroneDelivery.UnitTests.DroneScheduler;

/// <summary>The admins' fleet routes: who may use them, maintenance in and out (grounded or flying), the battery shown, and the audit line.</summary>
public sealed class FleetFunctionsTests
{
    private readonly IDroneRepository _drones = Substitute.For<IDroneRepository>();
    private readonly FakeTimeProvider _clock = new(TestTime.Start);
    private readonly FakeLogger<FleetFunctions> _log = new();

    public FleetFunctionsTests() =>
        _drones.TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(true);

    [Fact]
    public async Task ACustomerWithoutTheAdminRole_Gets403_AndNoDroneIsChanged()
    {
        var call = HttpCall.Json("PATCH", new DroneStateChange(DroneState.Maintenance));
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token("owner-1", DeliveryRoles.Partner)}";

        var answer = await PipelineCall.RunAsync<FleetFunctions>(
            call, context => Functions().Change(call.Request, "drone-0001", context, CancellationToken.None), method: nameof(FleetFunctions.Change));

        Assert.Equal(403, answer.StatusCode);
        await _drones.DidNotReceiveWithAnyArgs().TryReplaceAsync(default!, default!, default);
    }

    [Fact]
    public async Task AListWithoutAToken_Gets401()
    {
        var call = HttpCall.Get();

        var answer = await PipelineCall.RunAsync<FleetFunctions>(call, _ => Functions().List(call.Request, CancellationToken.None), method: nameof(FleetFunctions.List));

        Assert.Equal(401, answer.StatusCode);
        await _drones.DidNotReceiveWithAnyArgs().ListAsync(default, default);
    }

    [Fact]
    public async Task AnAvailableDrone_PutInMaintenance_IsWrittenInMaintenanceOnTheVersionRead_AndTheAdminIsLogged()
    {
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>()).Returns(Fleet.InState("drone-0001", DroneState.Available, version: "v3"));

        var answer = await PatchAsync("drone-0001", DroneState.Maintenance);

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal(DroneState.Maintenance, answer.Read<Drone>().State);
        await _drones.Received(1).TryReplaceAsync(Arg.Is<Drone>(drone => drone.State == DroneState.Maintenance && drone.DeliveryId == null), "v3", Arg.Any<CancellationToken>());
        var line = Assert.Single(_log.Collector.GetSnapshot()).Message;
        Assert.Contains("ops-1", line, StringComparison.Ordinal);
        Assert.Contains("drone-0001", line, StringComparison.Ordinal);
        Assert.Contains("it was Available, it is Maintenance", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFlyingDrone_PutInMaintenance_KeepsItsDelivery_AndIsMarkedForMaintenanceWhenItLands()
    {
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>()).Returns(Fleet.InState("drone-0001", DroneState.InFlight, deliveryId: "delivery-1"));

        var answer = await PatchAsync("drone-0001", DroneState.Maintenance);

        var drone = answer.Read<Drone>();
        Assert.Equal((DroneState.InFlight, "delivery-1", true), (drone.State, drone.DeliveryId, drone.MaintenanceDue));
        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(written => written.State == DroneState.InFlight && written.DeliveryId == "delivery-1" && written.MaintenanceDue), "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ADroneInMaintenance_MadeAvailable_WithALowBattery_GoesToItsCharger()
    {
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>()).Returns(Fleet.InState("drone-0001", DroneState.Maintenance, battery: 0.1));

        var answer = await PatchAsync("drone-0001", DroneState.Available);

        Assert.Equal(DroneState.Charging, answer.Read<Drone>().State);
        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.State == DroneState.Charging && drone.ChargingSince == TestTime.Start), "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AChangeThatLosesARaceToAClaim_IsAppliedToTheDroneAsTheClaimLeftIt()
    {
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>())
            .Returns(Fleet.InState("drone-0001", DroneState.Available, version: "v1"), Fleet.InState("drone-0001", DroneState.Assigned, deliveryId: "delivery-9", version: "v2"));
        _drones.TryReplaceAsync(Arg.Any<Drone>(), "v1", Arg.Any<CancellationToken>()).Returns(false);

        var answer = await PatchAsync("drone-0001", DroneState.Maintenance);

        var drone = answer.Read<Drone>();
        Assert.Equal((DroneState.Assigned, "delivery-9", true), (drone.State, drone.DeliveryId, drone.MaintenanceDue));
        await _drones.Received(1).TryReplaceAsync(Arg.Is<Drone>(written => written.State == DroneState.Assigned && written.MaintenanceDue), "v2", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AnUnknownDrone_Is404()
    {
        var answer = await PatchAsync("drone-9999", DroneState.Maintenance);

        Assert.Equal(404, answer.StatusCode);
    }

    [Theory]
    [InlineData("""{"state":"InFlight"}""")]
    [InlineData("""{"state":"Charging"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"state":"Broken"}""")]
    public async Task AStateAnAdminMayNotAskFor_Is400NamingState(string body)
    {
        var call = TestCallers.SignedIn(HttpCall.With("PATCH", body), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await Functions().Change(call.Request, "drone-0001", call.Context, CancellationToken.None));

        answer.AssertValidationProblem("state");
        await _drones.DidNotReceiveWithAnyArgs().TryReplaceAsync(default!, default!, default);
    }

    [Fact]
    public async Task TheList_ShowsAChargingDronesBatteryAsOfNow()
    {
        _drones.ListAsync(null, Arg.Any<CancellationToken>()).Returns(
        [
            Fleet.InState("drone-0001", DroneState.Charging, battery: 0.1).Drone with { ChargingSince = TestTime.Start },
            Fleet.InState("drone-0002", DroneState.Maintenance, battery: 0.5).Drone,
        ]);
        _clock.Advance(TimeSpan.FromMinutes(15));
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await Functions().List(call.Request, CancellationToken.None));

        var fleet = answer.Read<List<Drone>>();
        Assert.Equal(0.1 + (15 * 0.02), fleet[0].Battery, 9);
        Assert.Equal(0.5, fleet[1].Battery);
    }

    private async Task<HttpAnswer> PatchAsync(string droneId, DroneState state)
    {
        var call = TestCallers.SignedIn(HttpCall.Json("PATCH", new DroneStateChange(state)), "ops-1", DeliveryRoles.Admin);
        return await call.ExecuteAsync(await Functions().Change(call.Request, droneId, call.Context, CancellationToken.None));
    }

    private FleetFunctions Functions()
    {
        var options = Options.Create(new FleetOptions());
        return new FleetFunctions(_drones, new FleetMaintenance(_drones, options, _clock), options, _clock, _log);
    }
}
