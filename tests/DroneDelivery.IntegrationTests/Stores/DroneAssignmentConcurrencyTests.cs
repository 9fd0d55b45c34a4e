using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Stores;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>The drone scheduler's assignment over the embedded fleet store, under contention.</summary>
public sealed class DroneAssignmentConcurrencyTests : IDisposable
{
    private readonly EmbeddedDatabases _databases = new(EmbeddedDatabases.InMemory);
    private readonly LiteDbDroneRepository _drones;
    private readonly DroneAssigner _assigner;
    private readonly FleetOptions _fleet = new() { Size = 50 };

    public DroneAssignmentConcurrencyTests()
    {
        _drones = new LiteDbDroneRepository(_databases.Open("drones"));
        _assigner = new DroneAssigner(_drones, Options.Create(_fleet), TimeProvider.System, NullLogger<DroneAssigner>.Instance);
    }

    public void Dispose() => _databases.Dispose();

    private static DroneAssignmentRequest Request(int number) =>
        new($"delivery-{number}", new Location(47.64, -122.13), new Location(47.62, -122.15), ContainerSize.Small, 1);

    [Fact]
    public async Task TwoHundredSimultaneousRequests_OnFiftyDrones_AssignFiftyDistinctDrones()
    {
        await _drones.AddAsync(FleetSeeder.CreateFleet(_fleet), TestContext.Current.CancellationToken);

        var assignments = await Task.WhenAll(Enumerable.Range(0, 200).Select(number => Task.Run(() => _assigner.AssignAsync(Request(number), CancellationToken.None))));

        var granted = assignments.OfType<DroneAssignment>().ToList();
        Assert.Equal(50, granted.Count);
        Assert.Equal(50, granted.Select(assignment => assignment.DroneId).Distinct().Count());
        Assert.Equal(0, await _drones.CountAvailableAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AssigningTheSameDeliveryTwice_ReturnsTheSameDrone()
    {
        await _drones.AddAsync(FleetSeeder.CreateFleet(_fleet), TestContext.Current.CancellationToken);

        var first = await _assigner.AssignAsync(Request(1), TestContext.Current.CancellationToken);
        var second = await _assigner.AssignAsync(Request(1), TestContext.Current.CancellationToken);

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(49, await _drones.CountAvailableAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Release_ReturnsTheDroneToAvailable_AndIsHarmlessTwice()
    {
        await _drones.AddAsync(FleetSeeder.CreateFleet(_fleet), TestContext.Current.CancellationToken);
        var assignment = await _assigner.AssignAsync(Request(7), TestContext.Current.CancellationToken);

        Assert.True(await _assigner.ReleaseAsync("delivery-7", null, TestContext.Current.CancellationToken));
        Assert.False(await _assigner.ReleaseAsync("delivery-7", null, TestContext.Current.CancellationToken));

        var available = await AsyncStreams.ToListAsync(_drones.GetAvailableNearAsync(Request(7).Pickup, 50_000, TestContext.Current.CancellationToken));
        Assert.Contains(available, drone => drone.Drone.Id == assignment!.DroneId && drone.Drone.DeliveryId is null);
    }

    [Fact]
    public async Task DispatchingTwice_WritesOnce_AndTheDroneStaysInFlightWithItsDelivery()
    {
        await _drones.AddAsync(FleetSeeder.CreateFleet(_fleet), TestContext.Current.CancellationToken);
        var assignment = await _assigner.AssignAsync(Request(9), TestContext.Current.CancellationToken);

        Assert.True(await _assigner.DispatchAsync("delivery-9", TestContext.Current.CancellationToken));
        var afterFirst = await _drones.FindByDeliveryAsync("delivery-9", TestContext.Current.CancellationToken);
        Assert.True(await _assigner.DispatchAsync("delivery-9", TestContext.Current.CancellationToken));
        var afterSecond = await _drones.FindByDeliveryAsync("delivery-9", TestContext.Current.CancellationToken);

        Assert.Equal(afterFirst!.Version, afterSecond!.Version);
        Assert.Equal(DroneState.InFlight, afterSecond.Drone.State);
        Assert.Equal(assignment!.DroneId, afterSecond.Drone.Id);
    }

    [Fact]
    public async Task AConditionalWrite_WithAStaleVersion_IsRefused()
    {
        var drone = new Drone("drone-x", new Location(47.6, -122.1), 1, 5, ContainerSize.Small, DroneState.Available, null);
        await _drones.AddAsync([drone], TestContext.Current.CancellationToken);
        var read = Assert.Single(await AsyncStreams.ToListAsync(_drones.GetAvailableNearAsync(drone.Position, 1_000, TestContext.Current.CancellationToken)));

        Assert.True(await _drones.TryReplaceAsync(drone with { State = DroneState.Assigned, DeliveryId = "a" }, read.Version, TestContext.Current.CancellationToken));
        Assert.False(await _drones.TryReplaceAsync(drone with { State = DroneState.Assigned, DeliveryId = "b" }, read.Version, TestContext.Current.CancellationToken));
        Assert.Equal("a", (await _drones.FindByDeliveryAsync("a", TestContext.Current.CancellationToken))?.Drone.DeliveryId);
    }
}
