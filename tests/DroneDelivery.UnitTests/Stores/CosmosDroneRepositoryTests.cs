using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.UnitTests.DroneScheduler;
using Microsoft.Azure.Cosmos;

namespace DroneDelivery.UnitTests.Stores;

/// <summary>The fleet on Cosmos DB: partitioned by area, looked up with a spatial query, a delivery's drone by point reads.</summary>
public sealed class CosmosDroneRepositoryTests
{
    private readonly CountingCosmosContainer _cosmos = new();
    private readonly CosmosDroneRepository _drones;
    private readonly ITestOutputHelper _output;

    public CosmosDroneRepositoryTests(ITestOutputHelper output)
    {
        _drones = new CosmosDroneRepository(_cosmos.Container);
        _output = output;
    }


    private static Drone Drone(string id, double kmNorth = 0) => Fleet.Drone(id, kmNorth).Drone;

    private async Task<List<VersionedDrone>> NearAsync(Location point, double metres)
    {
        var drones = new List<VersionedDrone>();
        await foreach (var drone in _drones.GetAvailableNearAsync(point, metres, CancellationToken.None))
        {
            drones.Add(drone);
        }

        return drones;
    }

    [Fact]
    public async Task GetAvailableNear_QueriesOnlyTheAreasAroundThePoint_WithTheSpatialQuery_APageAtATime()
    {
        await _drones.AddAsync([Drone("near", 0.2), Drone("far", 8), Drone("beyond", 40)], CancellationToken.None);

        var near = await NearAsync(Fleet.Pickup, 10_000);

        Assert.Equal(["near", "far"], near.Select(drone => drone.Drone.Id));
        Assert.All(_cosmos.Queries, query =>
        {
            Assert.Contains("ST_DISTANCE(c.location, @point) <= @outer", query.Text, StringComparison.Ordinal);
            Assert.Equal(CosmosDroneRepository.PageSize, query.PageSize);
        });
        // 10 km around Redmond stays in its one-degree area.
        Assert.Equal(["[\"47:-123\"]"], _cosmos.Queries.Select(query => query.Partition).Distinct());
    }

    [Fact]
    public async Task GetAvailableNear_ACircleAcrossAnAreaBoundary_ReadsTheNeighbouringAreasToo()
    {
        var boundary = new Location(48.0, -122.5);
        await _drones.AddAsync([new Drone("north", boundary with { Latitude = 48.01 }, 1, 20, ContainerSize.Large, DroneState.Available, null)], CancellationToken.None);

        var near = await NearAsync(boundary with { Latitude = 47.995 }, 3_000);

        Assert.Equal(["north"], near.Select(drone => drone.Drone.Id));
        Assert.Contains("[\"47:-123\"]", _cosmos.Queries.Select(query => query.Partition));
        Assert.Contains("[\"48:-123\"]", _cosmos.Queries.Select(query => query.Partition));
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public async Task AssignAsync_DocumentsReadPerAssignment_AreBoundedByAPage_NotByTheFleet(int fleetSize)
    {
        var fleet = new FleetOptions { Size = fleetSize };
        await _drones.AddAsync(FleetSeeder.CreateFleet(fleet), CancellationToken.None);
        var assigner = Fleet.Assigner(_drones);
        var random = new Random(19);
        _cosmos.ResetCounts();

        const int Assignments = 50;
        for (var number = 0; number < Assignments; number++)
        {
            var pickup = new Location(fleet.CenterLatitude + ((random.NextDouble() - 0.5) * 0.1), fleet.CenterLongitude + ((random.NextDouble() - 0.5) * 0.1));
            var request = new DroneAssignmentRequest($"delivery-{number}", pickup, pickup with { Latitude = pickup.Latitude + 0.02 }, ContainerSize.Small, 1);
            Assert.NotNull(await assigner.AssignAsync(request, CancellationToken.None));
        }

        var perAssignment = (double)_cosmos.DocumentsQueried / Assignments;
        _output.WriteLine($"{fleetSize} drones: {perAssignment:F1} documents queried by {(double)_cosmos.Queries.Count / Assignments:F1} queries and {(double)_cosmos.PointReads / Assignments:F1} point reads per assignment");
        Assert.InRange(perAssignment, 1, 2 * CosmosDroneRepository.PageSize);
        Assert.All(_cosmos.Queries, query => Assert.NotNull(query.Partition));
    }

    [Fact]
    public async Task FindByDelivery_AfterAClaim_IsTwoPointReads_AndNoQuery()
    {
        await _drones.AddAsync([Drone("a")], CancellationToken.None);
        var read = Assert.Single(await NearAsync(Fleet.Pickup, 1_000));
        Assert.True(await _drones.TryReplaceAsync(read.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-1" }, read.Version, CancellationToken.None));
        var queries = _cosmos.Queries.Count;
        _cosmos.ResetCounts();

        var held = await _drones.FindByDeliveryAsync("delivery-1", CancellationToken.None);

        Assert.Equal("a", held?.Drone.Id);
        Assert.Equal(2, _cosmos.PointReads);
        Assert.Equal(queries, _cosmos.Queries.Count);
    }

    [Fact]
    public async Task FindByDelivery_AnAssignmentTheDroneDoesNotConfirm_ReadsAsNone()
    {
        await _drones.AddAsync([Drone("a")], CancellationToken.None);
        var read = Assert.Single(await NearAsync(Fleet.Pickup, 1_000));
        Assert.True(await _drones.TryReplaceAsync(read.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-1" }, read.Version, CancellationToken.None));

        Assert.False(await _drones.TryReplaceAsync(read.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-2" }, read.Version, CancellationToken.None));

        Assert.Null(await _drones.FindByDeliveryAsync("delivery-2", CancellationToken.None));
        Assert.Equal("a", (await _drones.FindByDeliveryAsync("delivery-1", CancellationToken.None))?.Drone.Id);
    }

    [Fact]
    public async Task TryReplace_ADroneLandingInAnotherArea_MovesItToThatPartition()
    {
        await _drones.AddAsync([Drone("a")], CancellationToken.None);
        var read = Assert.Single(await NearAsync(Fleet.Pickup, 1_000));
        var elsewhere = new Location(48.2, -122.3);

        Assert.True(await _drones.TryReplaceAsync(read.Drone with { Position = elsewhere }, read.Version, CancellationToken.None));

        Assert.Null(_cosmos.Stored<DroneDocument>("47:-123", "a"));
        Assert.Equal(elsewhere, _cosmos.Stored<DroneDocument>("48:-123", "a")?.ToDrone().Position);
        Assert.Equal("a", Assert.Single(await NearAsync(elsewhere, 100)).Drone.Id);
    }

    [Fact]
    public async Task TryReplace_WithAVersionSomeoneElseReplaced_IsRefused_AndMovesNothing()
    {
        await _drones.AddAsync([Drone("a")], CancellationToken.None);
        var read = Assert.Single(await NearAsync(Fleet.Pickup, 1_000));
        Assert.True(await _drones.TryReplaceAsync(read.Drone with { Battery = 0.5 }, read.Version, CancellationToken.None));

        Assert.False(await _drones.TryReplaceAsync(read.Drone with { Position = new Location(48.2, -122.3) }, read.Version, CancellationToken.None));

        Assert.Equal(0.5, _cosmos.Stored<DroneDocument>("47:-123", "a")?.Battery);
        Assert.Null(_cosmos.Stored<DroneDocument>("48:-123", "a"));
    }

    [Fact]
    public async Task TryAdd_ANewId_ClaimsTheIdAndCreatesTheDroneInItsArea()
    {
        Assert.True(await _drones.TryAddAsync(Drone("new"), CancellationToken.None));

        Assert.NotNull(_cosmos.Stored<DroneIdDocument>(CosmosDroneRepository.IdArea("new"), "new"));
        Assert.Equal(Drone("new"), _cosmos.Stored<DroneDocument>("47:-123", "new")?.ToDrone());
        Assert.Equal(Drone("new"), (await _drones.GetAsync("new", CancellationToken.None))?.Drone);
    }

    [Fact]
    public async Task TryAdd_AnIdTakenByADroneInAnotherArea_IsRefused_AndWritesNothing()
    {
        Assert.True(await _drones.TryAddAsync(Drone("twin"), CancellationToken.None));
        var elsewhere = Drone("twin") with { Position = new Location(48.2, -122.3) };

        Assert.False(await _drones.TryAddAsync(elsewhere, CancellationToken.None));

        Assert.Null(_cosmos.Stored<DroneDocument>("48:-123", "twin"));
        Assert.Equal(Drone("twin").Position, (await _drones.GetAsync("twin", CancellationToken.None))?.Drone.Position);
    }

    [Fact]
    public async Task TryAdd_TheIdOfASeededDroneWithoutAClaim_IsRefused()
    {
        await _drones.AddAsync([Drone("seeded")], CancellationToken.None);

        Assert.False(await _drones.TryAddAsync(Drone("seeded") with { Battery = 0.2 }, CancellationToken.None));

        Assert.Equal(1, _cosmos.Stored<DroneDocument>("47:-123", "seeded")?.Battery);
        Assert.Null(_cosmos.Stored<DroneIdDocument>(CosmosDroneRepository.IdArea("seeded"), "seeded"));
    }

    [Fact]
    public async Task TryAdd_AnIdWhoseClaimExists_IsRefused_EvenWhenNoDroneHasItYet()
    {
        await _cosmos.Container.CreateItemAsync(
            new DroneIdDocument { Id = "racing", Area = CosmosDroneRepository.IdArea("racing") }, new PartitionKey(CosmosDroneRepository.IdArea("racing")));

        Assert.False(await _drones.TryAddAsync(Drone("racing"), CancellationToken.None));

        Assert.Null(_cosmos.Stored<DroneDocument>("47:-123", "racing"));
    }
}
