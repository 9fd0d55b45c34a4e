using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Stores;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.IntegrationTests.Support;
using LiteDB;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>The embedded fleet store's index of available drones by place (a grid of cells searched ring by ring).</summary>
public sealed class LiteDbDroneRepositoryTests : IDisposable
{
    private static readonly Location Pickup = new(47.6420, -122.1370);

    private readonly EmbeddedDatabases _databases = new(EmbeddedDatabases.InMemory);
    private readonly EmbeddedDatabase _database;
    private readonly LiteDbDroneRepository _drones;

    public LiteDbDroneRepositoryTests()
    {
        _database = _databases.Open("drones");
        _drones = new LiteDbDroneRepository(_database);
    }

    public void Dispose() => _databases.Dispose();

    private static Drone Drone(string id, DroneState state = DroneState.Available, double kmNorth = 0, double kmEast = 0) =>
        new(
            id,
            new Location(Pickup.Latitude + (kmNorth / 111.195), Pickup.Longitude + (kmEast / (111.195 * Math.Cos(Pickup.Latitude * Math.PI / 180))), 12),
            0.8, 5, ContainerSize.Medium, state, state == DroneState.Available ? null : $"delivery-of-{id}");

    private Task<List<VersionedDrone>> NearAsync(double metres, Location? point = null) =>
        AsyncStreams.ToListAsync(_drones.GetAvailableNearAsync(point ?? Pickup, metres, TestContext.Current.CancellationToken));

    [Fact]
    public async Task GetAvailableNear_AMixedFleet_HandsOutOnlyTheAvailableDronesWithinReach_NearestFirst()
    {
        await _drones.AddAsync(
            [
                Drone("far", kmNorth: 9), Drone("beyond", kmEast: -12), Drone("near", kmEast: 0.3), Drone("middle", kmNorth: -2.5, kmEast: 2),
                Drone("busy", DroneState.InFlight, kmNorth: 0.1), Drone("charging", DroneState.Charging),
            ],
            TestContext.Current.CancellationToken);

        var near = await NearAsync(10_000);

        Assert.Equal(["near", "middle", "far"], near.Select(drone => drone.Drone.Id));
        Assert.Equal(Drone("near", kmEast: 0.3), near[0].Drone);
    }

    [Fact]
    public async Task ADroneTakenIntoMaintenance_IsNoLongerHandedOut_AndAClaimOnTheVersionReadBeforeLoses()
    {
        await _drones.AddAsync([Drone("near", kmEast: 0.3), Drone("far", kmNorth: 3)], TestContext.Current.CancellationToken);
        var read = (await NearAsync(10_000))[0];

        Assert.True(await _drones.TryReplaceAsync(read.Drone with { State = DroneState.Maintenance }, read.Version, TestContext.Current.CancellationToken));

        Assert.Equal(["far"], (await NearAsync(10_000)).Select(drone => drone.Drone.Id));
        Assert.False(await _drones.TryReplaceAsync(
            read.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-1" }, read.Version, TestContext.Current.CancellationToken));
        Assert.Equal(DroneState.Maintenance, (await _drones.GetAsync("near", TestContext.Current.CancellationToken))!.Drone.State);
    }

    [Fact]
    public async Task AChargingDrone_KeepsWhenItDocked_AndAMaintenanceMark_InTheFile()
    {
        var docked = new DateTimeOffset(2026, 12, 7, 3, 40, 12, 345, TimeSpan.Zero);
        await _drones.AddAsync(
            [Drone("charging", DroneState.Charging) with { DeliveryId = null, ChargingSince = docked }, Drone("due", DroneState.InFlight) with { MaintenanceDue = true },
                Drone("retiring", DroneState.InFlight) with { RetirementDue = true }],
            TestContext.Current.CancellationToken);

        var reopened = new LiteDbDroneRepository(_database);

        Assert.Equal(docked, (await reopened.GetAsync("charging", TestContext.Current.CancellationToken))!.Drone.ChargingSince);
        Assert.True((await reopened.GetAsync("due", TestContext.Current.CancellationToken))!.Drone.MaintenanceDue);
        Assert.True((await reopened.GetAsync("retiring", TestContext.Current.CancellationToken))!.Drone.RetirementDue);
    }

    [Fact]
    public async Task GetAvailableNear_NoDroneWithinReach_HandsOutNone()
    {
        await _drones.AddAsync([Drone("a", kmNorth: 5.1), Drone("b", kmEast: -5.2)], TestContext.Current.CancellationToken);

        Assert.Empty(await NearAsync(5_000));
    }

    [Fact]
    public async Task GetAvailableNear_AReachAcrossTheGlobe_EndsAtOnce_WithTheFarDronesInOrder()
    {
        // Ring by ring to the reach, 100,000 km in cells of 0.001 degree never ended (half a billion rings).
        await _drones.AddAsync([Drone("far", kmNorth: 900), Drone("near", kmEast: 3), Drone("farther", kmEast: -2_500)], TestContext.Current.CancellationToken);

        var near = await Task.Run(() => NearAsync(100_000_000)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(["near", "far", "farther"], near.Select(drone => drone.Drone.Id));
    }

    [Fact]
    public async Task GetAvailableNear_NoDroneAvailable_EndsAtOnce_WhateverTheReach()
    {
        await _drones.AddAsync([Drone("busy", DroneState.InFlight)], TestContext.Current.CancellationToken);

        Assert.Empty(await Task.Run(() => NearAsync(100_000_000)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetAvailableNear_DronesAcrossManyCells_ComeInTheOrderOfTheirDistance()
    {
        var random = new Random(19);
        await _drones.AddAsync(
            Enumerable.Range(0, 2_000).Select(number => Drone($"drone-{number}", kmNorth: (random.NextDouble() * 20) - 10, kmEast: (random.NextDouble() * 20) - 10)),
            TestContext.Current.CancellationToken);
        var point = new Location(47.66, -122.10);

        var near = await NearAsync(6_000, point);

        var expected = (await _drones.ListAsync(DroneState.Available, TestContext.Current.CancellationToken))
            .Where(drone => GeoMath.DistanceMetres(drone.Position, point) <= 6_000)
            .OrderBy(drone => GeoMath.DistanceMetres(drone.Position, point))
            .Select(drone => drone.Id);
        Assert.Equal(expected, near.Select(drone => drone.Drone.Id));
    }

    [Fact]
    public async Task GetAvailableNear_AfterAClaimAndAReleaseElsewhere_FollowsTheDroneToItsNewCell()
    {
        await _drones.AddAsync([Drone("a"), Drone("b", kmNorth: 1)], TestContext.Current.CancellationToken);
        var read = (await NearAsync(500)).Single();

        Assert.True(await _drones.TryReplaceAsync(read.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-1" }, read.Version, TestContext.Current.CancellationToken));
        var whileClaimed = await NearAsync(5_000);
        var claimed = await _drones.FindByDeliveryAsync("delivery-1", TestContext.Current.CancellationToken);
        var landed = Drone("a", kmNorth: 20);
        Assert.True(await _drones.TryReplaceAsync(landed, claimed!.Version, TestContext.Current.CancellationToken));

        Assert.Equal(["b"], whileClaimed.Select(drone => drone.Drone.Id));
        Assert.Equal(["b"], (await NearAsync(5_000)).Select(drone => drone.Drone.Id));
        Assert.Equal(landed, (await NearAsync(500, landed.Position)).Single().Drone);
        Assert.Equal(2, await _drones.CountAvailableAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetAvailableNear_StoreReopenedOnTheSameCollection_FindsTheStoredAvailableDrones()
    {
        await _drones.AddAsync([Drone("a"), Drone("b", DroneState.Assigned)], TestContext.Current.CancellationToken);
        var stored = (await NearAsync(1_000)).Single();

        var reopened = new LiteDbDroneRepository(_database);

        Assert.Equal(stored, Assert.Single(await AsyncStreams.ToListAsync(reopened.GetAvailableNearAsync(Pickup, 1_000, TestContext.Current.CancellationToken))));
        Assert.Equal(1, await reopened.CountAvailableAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Constructor_CollectionWithTheEarlierSecondaryIndexes_DropsThem()
    {
        _database.Collection<DroneDocument>("drones").EnsureIndex(nameof(DroneDocument.State));
        _database.Collection<DroneDocument>("drones").EnsureIndex(nameof(DroneDocument.DeliveryId));
        await _drones.AddAsync([Drone("a")], TestContext.Current.CancellationToken);

        _ = new LiteDbDroneRepository(_database);

        var indexes = _database.Collection<BsonDocument>("$indexes").Find(index => index["collection"] == "drones").Select(index => index["name"].AsString);
        Assert.Equal(["_id"], indexes);
    }

    [Fact]
    public async Task TryReplace_ConcurrentClaimsOfTheNearestDrone_OnlyOneWins()
    {
        await _drones.AddAsync([Drone("nearest"), Drone("next", kmNorth: 2)], TestContext.Current.CancellationToken);
        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => NearAsync(5_000))));

        var claims = await Task.WhenAll(reads.Select((read, number) => Task.Run(() =>
            _drones.TryReplaceAsync(read[0].Drone with { State = DroneState.Assigned, DeliveryId = $"delivery-{number}" }, read[0].Version, CancellationToken.None))));

        Assert.All(reads, read => Assert.Equal("nearest", read[0].Drone.Id));
        Assert.Single(claims, claimed => claimed);
        Assert.Equal(["next"], (await NearAsync(5_000)).Select(drone => drone.Drone.Id));
    }

    [Fact]
    public async Task GetAvailableNear_ReadWhileDronesAreClaimedAndReleased_NeverHandsOutAClaimedDroneAfterItsClaim()
    {
        await _drones.AddAsync(Enumerable.Range(0, 200).Select(number => Drone($"drone-{number}", kmNorth: number * 0.05)), TestContext.Current.CancellationToken);

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var number = worker; number < 200; number += 4)
            {
                var deliveryId = $"delivery-{number}";
                var here = Drone($"drone-{number}", kmNorth: number * 0.05).Position;
                var read = Assert.Single(await AsyncStreams.ToListAsync(_drones.GetAvailableNearAsync(here, 1, CancellationToken.None)));
                Assert.True(await _drones.TryReplaceAsync(read.Drone with { State = DroneState.Assigned, DeliveryId = deliveryId }, read.Version, CancellationToken.None));
                Assert.Empty(await AsyncStreams.ToListAsync(_drones.GetAvailableNearAsync(here, 1, CancellationToken.None)));
                if (number % 2 == 0)
                {
                    var held = await _drones.FindByDeliveryAsync(deliveryId, CancellationToken.None);
                    Assert.True(await _drones.TryReplaceAsync(read.Drone, held!.Version, CancellationToken.None));
                }
            }
        }));
        await Task.WhenAll(workers);

        var available = await NearAsync(20_000);
        Assert.Equal(100, available.Count);
        Assert.All(available, drone => Assert.Equal(0, int.Parse(drone.Drone.Id["drone-".Length..], System.Globalization.CultureInfo.InvariantCulture) % 2));
        Assert.Equal(100, await _drones.CountAvailableAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TryAdd_ANewDrone_IsStoredAndHandedOut_AndATakenIdIsRefusedWithoutAWrite()
    {
        var token = TestContext.Current.CancellationToken;
        await _drones.AddAsync([Drone("seeded", kmNorth: 2)], token);

        Assert.True(await _drones.TryAddAsync(Drone("added", kmEast: 0.2), token));
        Assert.False(await _drones.TryAddAsync(Drone("added", kmNorth: 5) with { Battery = 0.1 }, token));
        Assert.False(await _drones.TryAddAsync(Drone("seeded"), token));

        Assert.Equal(["added", "seeded"], (await NearAsync(10_000)).Select(drone => drone.Drone.Id));
        var reopened = await new LiteDbDroneRepository(_database).ListAsync(null, token);
        Assert.Equal(Drone("added", kmEast: 0.2), reopened.Single(drone => drone.Id == "added"));
    }
}
