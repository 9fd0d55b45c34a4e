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

    [Fact]
    public async Task AGroundedDrone_Retired_IsRetiredAtOnce_AndTheAdminIsLogged()
    {
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>()).Returns(Fleet.InState("drone-0001", DroneState.Charging, battery: 0.1, version: "v4"));

        var answer = await PatchAsync("drone-0001", DroneState.Retired);

        Assert.Equal(DroneState.Retired, answer.Read<Drone>().State);
        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.State == DroneState.Retired && drone.ChargingSince == null && drone.DeliveryId == null), "v4", Arg.Any<CancellationToken>());
        Assert.Contains("it was Charging, it is Retired", Assert.Single(_log.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFlyingDrone_Retired_KeepsItsDelivery_AndIsMarkedForRetirementWhenItLands()
    {
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>()).Returns(Fleet.InState("drone-0001", DroneState.InFlight, deliveryId: "delivery-1"));

        var drone = (await PatchAsync("drone-0001", DroneState.Retired)).Read<Drone>();

        Assert.Equal((DroneState.InFlight, "delivery-1", true, false), (drone.State, drone.DeliveryId, drone.RetirementDue, drone.MaintenanceDue));
        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(written => written.State == DroneState.InFlight && written.RetirementDue), "v1", Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(DroneState.Available)]
    [InlineData(DroneState.Maintenance)]
    public async Task ARetiredDrone_AskedBackIntoService_Is409_AndNothingIsWritten(DroneState wanted)
    {
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>()).Returns(Fleet.InState("drone-0001", DroneState.Retired));

        var answer = await PatchAsync("drone-0001", wanted);

        Assert.Equal(409, answer.StatusCode);
        await _drones.DidNotReceiveWithAnyArgs().TryReplaceAsync(default!, default!, default);
        Assert.Contains("refused", Assert.Single(_log.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdmin_AddsADrone_201_AvailableWithAFullBatteryWhereItStands_AndIsLogged()
    {
        _drones.TryAddAsync(Arg.Any<Drone>(), Arg.Any<CancellationToken>()).Returns(true);

        var answer = await PostAsync(new NewDrone("drone-new", Fleet.Pickup, 12.5, ContainerSize.Medium));

        Assert.Equal(201, answer.StatusCode);
        Assert.Equal("/api/fleet/drone-new", answer.Headers.Location.ToString());
        var expected = new Drone("drone-new", Fleet.Pickup, 1, 12.5, ContainerSize.Medium, DroneState.Available, null);
        Assert.Equal(expected, answer.Read<Drone>());
        await _drones.Received(1).TryAddAsync(expected, Arg.Any<CancellationToken>());
        var line = Assert.Single(_log.Collector.GetSnapshot()).Message;
        Assert.Contains("ops-1", line, StringComparison.Ordinal);
        Assert.Contains("added drone drone-new", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADroneAddedWithALowBattery_GoesToItsChargerFromNow()
    {
        _drones.TryAddAsync(Arg.Any<Drone>(), Arg.Any<CancellationToken>()).Returns(true);

        var drone = (await PostAsync(new NewDrone("drone-new", Fleet.Pickup, 5, ContainerSize.Small, Battery: 0.1))).Read<Drone>();

        Assert.Equal((DroneState.Charging, TestTime.Start), (drone.State, drone.ChargingSince));
    }

    [Fact]
    public async Task AddingADroneWhoseIdIsTaken_Is409()
    {
        _drones.TryAddAsync(Arg.Any<Drone>(), Arg.Any<CancellationToken>()).Returns(false);

        var answer = await PostAsync(new NewDrone("drone-0001", Fleet.Pickup, 5, ContainerSize.Small));

        Assert.Equal(409, answer.StatusCode);
        Assert.Empty(_log.Collector.GetSnapshot());
    }

    [Theory]
    [InlineData("""{"position":{"latitude":47.6,"longitude":-122.1},"maxPayloadKg":5,"maxSize":"Small"}""", "id")]
    [InlineData("""{"id":"bad id","position":{"latitude":47.6,"longitude":-122.1},"maxPayloadKg":5,"maxSize":"Small"}""", "id")]
    [InlineData("""{"id":"d-1","maxPayloadKg":5,"maxSize":"Small"}""", "position")]
    [InlineData("""{"id":"d-1","position":{"latitude":47.6,"longitude":-122.1},"maxPayloadKg":0,"maxSize":"Small"}""", "maxPayloadKg")]
    [InlineData("""{"id":"d-1","position":{"latitude":47.6,"longitude":-122.1},"maxPayloadKg":500,"maxSize":"Small"}""", "maxPayloadKg")]
    [InlineData("""{"id":"d-1","position":{"latitude":47.6,"longitude":-122.1},"maxPayloadKg":5}""", "maxSize")]
    [InlineData("""{"id":"d-1","position":{"latitude":47.6,"longitude":-122.1},"maxPayloadKg":5,"maxSize":"Small","battery":1.5}""", "battery")]
    public async Task ADroneWithAMissingOrBadField_Is400NamingIt_AndNothingIsAdded(string body, string field)
    {
        var call = TestCallers.SignedIn(HttpCall.With("POST", body), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await Functions().Add(call.Request, call.Context, CancellationToken.None));

        answer.AssertValidationProblem(field);
        await _drones.DidNotReceiveWithAnyArgs().TryAddAsync(default!, default);
    }

    [Fact]
    public async Task ACustomerWithoutTheAdminRole_CannotAddADrone()
    {
        var call = HttpCall.Json("POST", new NewDrone("drone-new", Fleet.Pickup, 5, ContainerSize.Small));
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token("owner-1")}";

        var answer = await PipelineCall.RunAsync<FleetFunctions>(
            call, context => Functions().Add(call.Request, context, CancellationToken.None), method: nameof(FleetFunctions.Add));

        Assert.Equal(403, answer.StatusCode);
        await _drones.DidNotReceiveWithAnyArgs().TryAddAsync(default!, default);
    }

    [Fact]
    public async Task OneDrone_IsAnsweredWithItsBatteryAsOfNow_AndAnUnknownOneIs404()
    {
        _drones.GetAsync("drone-0001", Arg.Any<CancellationToken>()).Returns(
            new VersionedDrone(Fleet.InState("drone-0001", DroneState.Charging, battery: 0.1).Drone with { ChargingSince = TestTime.Start }, "v1"));
        _clock.Advance(TimeSpan.FromMinutes(10));
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);

        var found = await call.ExecuteAsync(await Functions().Get(call.Request, "drone-0001", CancellationToken.None));
        var missing = await call.ExecuteAsync(await Functions().Get(call.Request, "drone-9999", CancellationToken.None));

        Assert.Equal(0.1 + (10 * 0.02), found.Read<Drone>().Battery, 9);
        Assert.Equal(404, missing.StatusCode);
    }

    private async Task<HttpAnswer> PostAsync(NewDrone drone)
    {
        var call = TestCallers.SignedIn(HttpCall.Json("POST", drone), "ops-1", DeliveryRoles.Admin);
        return await call.ExecuteAsync(await Functions().Add(call.Request, call.Context, CancellationToken.None));
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
