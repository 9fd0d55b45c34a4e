using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.UnitTests.Support;
using NSubstitute;

namespace DroneDelivery.UnitTests.DroneScheduler;

public sealed class DroneAssignerTests
{
    private readonly IDroneRepository _drones = Substitute.For<IDroneRepository>();

    public DroneAssignerTests() =>
        _drones.TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(true);

    [Fact]
    public async Task AssignAsync_SeveralCapableDrones_ClaimsTheNearest()
    {
        var near = Fleet.Drone("near", kmNorth: 1);
        Available(Fleet.Drone("far", kmNorth: 8), near, Fleet.Drone("middle", kmNorth: 3));

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(), CancellationToken.None);

        Assert.Equal(new DroneAssignment("delivery-1", "near", near.Drone.Position), assignment);
        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.Id == "near" && drone.State == DroneState.Assigned && drone.DeliveryId == "delivery-1"),
            "v1",
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignAsync_NearestTooWeak_SkipsIt()
    {
        Available(Fleet.Drone("weak", kmNorth: 1, maxPayloadKg: 5), Fleet.Drone("strong", kmNorth: 5, maxPayloadKg: 20));

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(weight: 10), CancellationToken.None);

        Assert.Equal("strong", assignment?.DroneId);
        await _drones.DidNotReceive().TryReplaceAsync(Arg.Is<Drone>(drone => drone.Id == "weak"), Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignAsync_NearestTooSmall_SkipsIt()
    {
        Available(Fleet.Drone("small", kmNorth: 1, maxSize: ContainerSize.Small), Fleet.Drone("medium", kmNorth: 5, maxSize: ContainerSize.Medium));

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(size: ContainerSize.Medium), CancellationToken.None);

        Assert.Equal("medium", assignment?.DroneId);
    }

    [Fact]
    public async Task AssignAsync_NearestWithoutBatteryForTheTrip_SkipsIt()
    {
        // 60 km range: 2 % battery is 1.2 km, less than the ~4 km round trip.
        Available(Fleet.Drone("flat", kmNorth: 0.1, battery: 0.02), Fleet.Drone("charged", kmNorth: 6, battery: 0.9));

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(), CancellationToken.None);

        Assert.Equal("charged", assignment?.DroneId);
    }

    [Fact]
    public async Task AssignAsync_NoCapableDrone_ReturnsNullWithoutClaiming()
    {
        Available(Fleet.Drone("small", kmNorth: 1, maxSize: ContainerSize.Small), Fleet.Drone("far-away", kmNorth: 500));

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(size: ContainerSize.Large), CancellationToken.None);

        Assert.Null(assignment);
        await _drones.DidNotReceive().TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignAsync_LostConditionalWrite_MovesOnToTheNextCandidate()
    {
        Available(Fleet.Drone("near", kmNorth: 1, version: "n1"), Fleet.Drone("next", kmNorth: 2, version: "x1"));
        _drones.TryReplaceAsync(Arg.Is<Drone>(drone => drone.Id == "near"), "n1", Arg.Any<CancellationToken>()).Returns(false);

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(), CancellationToken.None);

        Assert.Equal("next", assignment?.DroneId);
        Received.InOrder(() =>
        {
            _drones.TryReplaceAsync(Arg.Is<Drone>(drone => drone.Id == "near"), "n1", Arg.Any<CancellationToken>());
            _drones.TryReplaceAsync(Arg.Is<Drone>(drone => drone.Id == "next"), "x1", Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task AssignAsync_TwoLostConditionalWrites_ClaimsTheThirdNearestInDistanceOrder()
    {
        Available(
            Fleet.Drone("fourth", kmNorth: 7),
            Fleet.Drone("second", kmNorth: 2, version: "s1"),
            Fleet.Drone("third", kmNorth: 4, version: "t1"),
            Fleet.Drone("first", kmNorth: 1, version: "f1"),
            Fleet.Drone("too-weak", kmNorth: 0.5, maxPayloadKg: 1));
        _drones.TryReplaceAsync(Arg.Is<Drone>(drone => drone.Id == "first" || drone.Id == "second"), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(false);

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(), CancellationToken.None);

        Assert.Equal("third", assignment?.DroneId);
        Received.InOrder(() =>
        {
            _drones.TryReplaceAsync(Arg.Is<Drone>(drone => drone.Id == "first"), "f1", Arg.Any<CancellationToken>());
            _drones.TryReplaceAsync(Arg.Is<Drone>(drone => drone.Id == "second"), "s1", Arg.Any<CancellationToken>());
            _drones.TryReplaceAsync(Arg.Is<Drone>(drone => drone.Id == "third"), "t1", Arg.Any<CancellationToken>());
        });
        await _drones.DidNotReceive().TryReplaceAsync(Arg.Is<Drone>(drone => drone.Id == "fourth" || drone.Id == "too-weak"), Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignAsync_EveryClaimLostEveryRound_GivesUpAfterFiveRounds()
    {
        Available(Fleet.Drone("contended", kmNorth: 1));
        _drones.TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(false);

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(), CancellationToken.None);

        Assert.Null(assignment);
        _ = _drones.Received(5).GetAvailableNearAsync(Arg.Any<Location>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignAsync_DeliveryAlreadyHasADrone_ReturnsItWithoutClaimingAnother()
    {
        var held = Fleet.Drone("held", kmNorth: 3);
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>())
            .Returns(held with { Drone = held.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-1" } });
        Available(Fleet.Drone("near", kmNorth: 1));

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(), CancellationToken.None);

        Assert.Equal(new DroneAssignment("delivery-1", "held", held.Drone.Position), assignment);
        _ = _drones.DidNotReceive().GetAvailableNearAsync(Arg.Any<Location>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
        await _drones.DidNotReceive().TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ReleaseAsync_DeliveryWithoutDrone_ReturnsFalse()
    {
        var released = await Fleet.Assigner(_drones).ReleaseAsync("delivery-1", null, CancellationToken.None);

        Assert.False(released);
        await _drones.DidNotReceive().TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ReleaseAsync_DeliveryWithDrone_MakesItAvailableAgain()
    {
        var held = Fleet.Drone("held", kmNorth: 3, version: "h7");
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>())
            .Returns(held with { Drone = held.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-1" } });

        var released = await Fleet.Assigner(_drones).ReleaseAsync("delivery-1", null, CancellationToken.None);

        Assert.True(released);
        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.Id == "held" && drone.State == DroneState.Available && drone.DeliveryId == null), "h7", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ReleaseAsync_WithLandingPosition_MovesTheDroneThereAndClearsItsMission()
    {
        var held = Fleet.Drone("held", kmNorth: 3, version: "h7");
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(held with
        {
            Drone = held.Drone with { State = DroneState.InFlight, DeliveryId = "delivery-1", Mission = new Mission("delivery-1", Fleet.Pickup, Fleet.Dropoff) },
        });

        await Fleet.Assigner(_drones).ReleaseAsync("delivery-1", Fleet.Dropoff, CancellationToken.None);

        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.Position == Fleet.Dropoff && drone.Mission == null && drone.State == DroneState.Available), "h7", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignAsync_Claim_RecordsTheMissionWithTheConfirmationToBringBack()
    {
        Available(Fleet.Drone("near", kmNorth: 1));

        await Fleet.Assigner(_drones).AssignAsync(Fleet.Request() with { ConfirmationRequired = ConfirmationType.Voice }, CancellationToken.None);

        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.Mission == new Mission("delivery-1", Fleet.Pickup, Fleet.Dropoff, ConfirmationType.Voice)), "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task DispatchAsync_HeldDrone_GoesInFlight()
    {
        var held = Fleet.Drone("held", kmNorth: 3, version: "h1");
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>())
            .Returns(held with { Drone = held.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-1" } });

        Assert.True(await Fleet.Assigner(_drones).DispatchAsync("delivery-1", CancellationToken.None));

        await _drones.Received(1).TryReplaceAsync(Arg.Is<Drone>(drone => drone.State == DroneState.InFlight), "h1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task SummarizeAsync_Fleet_CountsStatesAndUtilization()
    {
        _drones.ListAsync(null, Arg.Any<CancellationToken>()).Returns(
        [
            Fleet.Drone("a", 1, battery: 1).Drone,
            Fleet.Drone("b", 1, battery: 0.5).Drone with { State = DroneState.Assigned },
            Fleet.Drone("c", 1, battery: 0.5).Drone with { State = DroneState.InFlight },
            Fleet.Drone("d", 1, battery: 0).Drone with { State = DroneState.Charging },
        ]);

        var utilization = await Fleet.Assigner(_drones).SummarizeAsync(CancellationToken.None);

        Assert.Equal(new DroneUtilization(4, 1, 1, 1, 1, 0.5, 0.5), utilization);
    }

    [Fact]
    public async Task ReleaseAsync_DroneKeepsChanging_Throws()
    {
        var held = Fleet.Drone("held", kmNorth: 3);
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>())
            .Returns(held with { Drone = held.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-1" } });
        _drones.TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Fleet.Assigner(_drones).ReleaseAsync("delivery-1", null, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_DroneAlreadyReleased_DoesNotWrite()
    {
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(Fleet.Drone("idle", kmNorth: 3));

        Assert.True(await Fleet.Assigner(_drones).ReleaseAsync("delivery-1", null, CancellationToken.None));

        await _drones.DidNotReceive().TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ReleaseAsync_FlownMission_DrainsTheDistanceFlownOverTheRange_AndLandsWhereItWasReleased()
    {
        var held = Fleet.InState("held", DroneState.InFlight, battery: 0.9, deliveryId: "delivery-1", version: "h7");
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(held);
        var expected = 0.9 - ((GeoMath.DistanceMetres(held.Drone.Position, Fleet.Pickup) + GeoMath.DistanceMetres(Fleet.Pickup, Fleet.Dropoff)) / 60_000);

        await Fleet.Assigner(_drones).ReleaseAsync("delivery-1", Fleet.Dropoff, CancellationToken.None);

        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.State == DroneState.Available && Math.Abs(drone.Battery - expected) < 1e-9 && drone.Position == Fleet.Dropoff), "h7", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ReleaseAsync_DroneThatNeverTookOff_DrainsNothing()
    {
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(Fleet.InState("held", DroneState.Assigned, battery: 0.9, deliveryId: "delivery-1"));

        await Fleet.Assigner(_drones).ReleaseAsync("delivery-1", null, CancellationToken.None);

        await _drones.Received(1).TryReplaceAsync(Arg.Is<Drone>(drone => drone.State == DroneState.Available && drone.Battery == 0.9), "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ReleaseAsync_LandingBelowTheMinimumBattery_DocksTheDroneToChargeFromNow()
    {
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(Fleet.InState("held", DroneState.InFlight, battery: 0.32, deliveryId: "delivery-1"));

        await Fleet.Assigner(_drones).ReleaseAsync("delivery-1", Fleet.Dropoff, CancellationToken.None);

        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.State == DroneState.Charging && drone.Battery < 0.3 && drone.ChargingSince == TestTime.Start && drone.DeliveryId == null),
            "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ReleaseAsync_MaintenanceDueWhileItFlew_GroundsTheDroneInMaintenance()
    {
        var held = Fleet.InState("held", DroneState.InFlight, deliveryId: "delivery-1");
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(held with { Drone = held.Drone with { MaintenanceDue = true } });

        await Fleet.Assigner(_drones).ReleaseAsync("delivery-1", Fleet.Dropoff, CancellationToken.None);

        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.State == DroneState.Maintenance && !drone.MaintenanceDue && drone.DeliveryId == null && drone.Battery < 1), "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignAsync_NearestShortOfBatteryForTheTrip_DocksItToCharge_AndClaimsTheNext()
    {
        Available(Fleet.Drone("flat", kmNorth: 1, battery: 0.05, version: "f1"), Fleet.Drone("full", kmNorth: 3));

        var assignment = await Fleet.Assigner(_drones).AssignAsync(Fleet.Request(), CancellationToken.None);

        Assert.Equal("full", assignment?.DroneId);
        await _drones.Received(1).TryReplaceAsync(
            Arg.Is<Drone>(drone => drone.Id == "flat" && drone.State == DroneState.Charging && drone.ChargingSince == TestTime.Start && drone.Battery == 0.05),
            "f1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task SummarizeAsync_CountsDronesInMaintenance_AndAChargingDronesBatteryAsOfNow()
    {
        _drones.ListAsync(null, Arg.Any<CancellationToken>()).Returns(
        [
            Fleet.InState("a", DroneState.Maintenance, battery: 1).Drone,
            Fleet.InState("b", DroneState.Charging, battery: 0.2).Drone with { ChargingSince = TestTime.Start.AddMinutes(-10) },
        ]);

        var utilization = await Fleet.Assigner(_drones).SummarizeAsync(CancellationToken.None);

        Assert.Equal(1, utilization.Maintenance);
        Assert.Equal(1, utilization.Charging);
        Assert.Equal((1 + 0.4) / 2, utilization.AverageBattery, 9);
    }

    /// <summary>The store hands the drones out nearest the pickup first, each time it is asked.</summary>
    private void Available(params VersionedDrone[] drones) => Fleet.Available(_drones, drones);
}
