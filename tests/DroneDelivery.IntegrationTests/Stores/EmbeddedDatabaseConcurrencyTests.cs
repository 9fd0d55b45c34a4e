using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Stores;
using DroneDelivery.DroneScheduler.Stores;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>
/// The fleet's embedded database holds two collections, the drones and their credentials, written by two
/// repositories at once — as the local host does when drones are assigned while others are issued
/// credentials. LiteDB 5 corrupts a database whose collections are written concurrently
/// (litedb-org/LiteDB#2825: "page type must be collection page", then the engine closes itself).
/// </summary>
public sealed class EmbeddedDatabaseConcurrencyTests : IDisposable
{
    private const int Drones = 40;
    private const int WritersEach = 4;
    private const int Share = Drones / WritersEach;

    private readonly EmbeddedDatabases _databases = new(EmbeddedDatabases.InMemory);

    public void Dispose() => _databases.Dispose();

    [Fact]
    public async Task DronesAndCredentials_WrittenAtOnceFromManyThreads_StayReadableAndComplete()
    {
        var token = TestContext.Current.CancellationToken;
        var database = _databases.Open("drones");
        var drones = new LiteDbDroneRepository(database);
        var credentials = new LiteDbDroneCredentialRepository(database);
        await drones.AddAsync(Enumerable.Range(0, Drones).Select(Drone), token);

        var until = DateTime.UtcNow.AddSeconds(2);
        // A few threads of each kind, each its own (the repositories answer synchronously: a writer never yields its thread).
        var writers = Enumerable.Range(0, WritersEach).SelectMany(writer => new[]
        {
            OnItsOwnThread(() => MoveAsync(drones, writer, until)),
            OnItsOwnThread(() => RotateAsync(credentials, writer, until)),
        });
        var rounds = await Task.WhenAll(writers);

        Assert.All(rounds, count => Assert.True(count >= Share));
        for (var index = 0; index < Drones; index++)
        {
            Assert.NotNull(await drones.GetAsync($"drone-{index}", token));
            Assert.Equal(2, (await credentials.GetAsync($"drone-{index}", token))!.Credentials.Count);
        }

        // What the database holds, read afresh from its pages: every document of both collections.
        Assert.Equal(Drones + rounds.Where((_, index) => index % 2 == 0).Sum(), database.Collection<DroneDocument>("drones").Count());
        Assert.Equal(Drones, database.Collection<DroneCredentialsDocument>("dronecredentials").Count());
    }

    private static Task<int> OnItsOwnThread(Func<Task<int>> writer) =>
        Task.Factory.StartNew(() => writer().GetAwaiter().GetResult(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Drone Drone(int index) =>
        new($"drone-{index}", new Location(47.6 + (index / 1000.0), -122.1), 1, 5, ContainerSize.Small, DroneState.Available, null);

    /// <summary>Moves each drone of the writer's share a little, pass after pass (one at least), until <paramref name="until"/>, adding a drone each time; returns the drones added.</summary>
    private static async Task<int> MoveAsync(LiteDbDroneRepository drones, int writer, DateTime until)
    {
        var added = 0;
        for (var step = 0; step < Share || DateTime.UtcNow < until; step++)
        {
            var current = (await drones.GetAsync(IdOf(writer, step), CancellationToken.None))!;
            var moved = current.Drone with { Position = current.Drone.Position with { Latitude = current.Drone.Position.Latitude + 0.0001 } };
            Assert.True(await drones.TryReplaceAsync(moved, current.Version, CancellationToken.None));
            // And one more drone joins the fleet: the drones' collection takes pages while the credentials' free theirs.
            Assert.True(await drones.TryAddAsync(Drone(Drones + (added++ * WritersEach) + writer), CancellationToken.None));
        }

        return added;
    }

    /// <summary>Replaces two credentials of each drone of the writer's share, pass after pass (one at least), until <paramref name="until"/>; returns the writes made.</summary>
    private static async Task<int> RotateAsync(LiteDbDroneCredentialRepository credentials, int writer, DateTime until)
    {
        var writes = 0;
        for (var step = 0; step < Share || DateTime.UtcNow < until; step++)
        {
            var id = IdOf(writer, step);
            var current = await credentials.GetAsync(id, CancellationToken.None);
            var issued = new StoredDroneCredential[]
            {
                // Sizes that vary up to a few pages: documents move, pages are freed and taken.
                new($"{id}-a-{writes}", new string('a', 64 + (writes * 7919 % 30000)), DateTimeOffset.UtcNow),
                new($"{id}-b-{writes}", new string('b', 64), DateTimeOffset.UtcNow),
            };
            Assert.True(await credentials.TrySaveAsync(id, issued, current?.Version, CancellationToken.None));
            writes++;
        }

        return writes;
    }

    /// <summary>The drone a writer handles at a step: its share is every <see cref="WritersEach"/>th drone.</summary>
    private static string IdOf(int writer, int step) => $"drone-{writer + (step % Share * WritersEach)}";
}
