using DroneDelivery.Contracts.Model;
using DroneDelivery.Stores.Drones;
using DroneDelivery.DevHost.Stores;
using LiteDB;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>The embedded fleet store's list of available drones, which it keeps apart from the fleet.</summary>
public sealed class LiteDbDroneRepositoryTests : IDisposable
{
    private readonly EmbeddedDatabases _databases = new(EmbeddedDatabases.InMemory);
    private readonly ILiteCollection<DroneDocument> _collection;
    private readonly LiteDbDroneRepository _drones;

    public LiteDbDroneRepositoryTests()
    {
        _collection = _databases.Open("drones").GetCollection<DroneDocument>("drones");
        _drones = new LiteDbDroneRepository(_collection);
    }

    public void Dispose() => _databases.Dispose();

    private static Drone Drone(string id, DroneState state = DroneState.Available) =>
        new(id, new Location(47.6, -122.1, 12), 0.8, 5, ContainerSize.Medium, state, state == DroneState.Available ? null : $"delivery-of-{id}");

    [Fact]
    public async Task GetAvailableAsync_AfterAddingAMixedFleet_ListsOnlyTheAvailableDronesAsStored()
    {
        await _drones.AddAsync([Drone("a"), Drone("b", DroneState.InFlight), Drone("c"), Drone("d", DroneState.Charging)], TestContext.Current.CancellationToken);

        var available = await _drones.GetAvailableAsync(TestContext.Current.CancellationToken);

        Assert.Equal([Drone("a"), Drone("c")], available.Select(drone => drone.Drone).OrderBy(drone => drone.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetAvailableAsync_AfterAClaimAndARelease_FollowsEachWriteWithTheNewVersion()
    {
        await _drones.AddAsync([Drone("a"), Drone("b")], TestContext.Current.CancellationToken);
        var read = (await _drones.GetAvailableAsync(TestContext.Current.CancellationToken)).Single(drone => drone.Drone.Id == "a");

        Assert.True(await _drones.TryReplaceAsync(read.Drone with { State = DroneState.Assigned, DeliveryId = "delivery-1" }, read.Version, TestContext.Current.CancellationToken));
        var whileClaimed = await _drones.GetAvailableAsync(TestContext.Current.CancellationToken);
        var claimed = await _drones.FindByDeliveryAsync("delivery-1", TestContext.Current.CancellationToken);
        Assert.True(await _drones.TryReplaceAsync(read.Drone with { Battery = 0.5 }, claimed!.Version, TestContext.Current.CancellationToken));
        var released = (await _drones.GetAvailableAsync(TestContext.Current.CancellationToken)).Single(drone => drone.Drone.Id == "a");

        Assert.Equal(["b"], whileClaimed.Select(drone => drone.Drone.Id));
        Assert.Equal(read.Drone with { Battery = 0.5 }, released.Drone);
        Assert.NotEqual(read.Version, released.Version);
        Assert.NotEqual(claimed.Version, released.Version);
    }

    [Fact]
    public async Task GetAvailableAsync_ReadTwiceWithoutAWrite_HandsOutTheSameReadOnlyList()
    {
        await _drones.AddAsync([Drone("a")], TestContext.Current.CancellationToken);

        var first = await _drones.GetAvailableAsync(TestContext.Current.CancellationToken);
        var second = await _drones.GetAvailableAsync(TestContext.Current.CancellationToken);

        Assert.Same(first, second);
        Assert.Throws<NotSupportedException>(() => ((IList<VersionedDrone>)first).Clear());
    }

    [Fact]
    public async Task GetAvailableAsync_ListHeldAcrossAWrite_StaysAsItWasRead()
    {
        await _drones.AddAsync([Drone("a"), Drone("b")], TestContext.Current.CancellationToken);
        var before = await _drones.GetAvailableAsync(TestContext.Current.CancellationToken);

        await _drones.AddAsync([Drone("c")], TestContext.Current.CancellationToken);

        Assert.Equal(2, before.Count);
        Assert.Equal(3, (await _drones.GetAvailableAsync(TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task GetAvailableAsync_StoreReopenedOnTheSameCollection_ListsTheStoredAvailableDrones()
    {
        await _drones.AddAsync([Drone("a"), Drone("b", DroneState.Assigned)], TestContext.Current.CancellationToken);
        var stored = (await _drones.GetAvailableAsync(TestContext.Current.CancellationToken)).Single();

        var reopened = new LiteDbDroneRepository(_collection);

        Assert.Equal(stored, (await reopened.GetAvailableAsync(TestContext.Current.CancellationToken)).Single());
    }

    [Fact]
    public async Task Constructor_CollectionWithTheEarlierSecondaryIndexes_DropsThem()
    {
        _collection.EnsureIndex(nameof(DroneDocument.State));
        _collection.EnsureIndex(nameof(DroneDocument.DeliveryId));
        await _drones.AddAsync([Drone("a")], TestContext.Current.CancellationToken);

        var reopened = new LiteDbDroneRepository(_collection);

        var indexes = _databases.Open("drones").GetCollection("$indexes").Find(index => index["collection"] == "drones").Select(index => index["name"].AsString);
        Assert.Equal(["_id"], indexes);
        Assert.Single(await reopened.GetAvailableAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetAvailableAsync_ReadWhileDronesAreClaimedAndReleased_NeverListsAClaimedDroneAfterItsClaim()
    {
        await _drones.AddAsync(Enumerable.Range(0, 200).Select(number => Drone($"drone-{number}")), TestContext.Current.CancellationToken);

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var number = worker; number < 200; number += 4)
            {
                var deliveryId = $"delivery-{number}";
                var read = (await _drones.GetAvailableAsync(CancellationToken.None)).First(drone => drone.Drone.Id == $"drone-{number}");
                Assert.True(await _drones.TryReplaceAsync(read.Drone with { State = DroneState.Assigned, DeliveryId = deliveryId }, read.Version, CancellationToken.None));
                Assert.DoesNotContain(await _drones.GetAvailableAsync(CancellationToken.None), drone => drone.Drone.Id == read.Drone.Id);
                if (number % 2 == 0)
                {
                    var held = await _drones.FindByDeliveryAsync(deliveryId, CancellationToken.None);
                    Assert.True(await _drones.TryReplaceAsync(read.Drone, held!.Version, CancellationToken.None));
                }
            }
        }));
        await Task.WhenAll(workers);

        var available = await _drones.GetAvailableAsync(TestContext.Current.CancellationToken);
        Assert.Equal(100, available.Count);
        Assert.All(available, drone => Assert.Equal(0, int.Parse(drone.Drone.Id["drone-".Length..], System.Globalization.CultureInfo.InvariantCulture) % 2));
        Assert.Equal(available.Count, (await _drones.ListAsync(DroneState.Available, TestContext.Current.CancellationToken)).Count);
    }
}
