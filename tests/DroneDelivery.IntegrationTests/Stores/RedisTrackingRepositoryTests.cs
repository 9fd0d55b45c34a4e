using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>The tracking store's bounds, against each Redis-speaking server.</summary>
public abstract class RedisTrackingRepositoryTests(RedisFixture fixture)
{
    private RedisTrackingRepository Repository()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? string.Empty);
        return new RedisTrackingRepository(fixture.Connection!);
    }

    private static TrackingEvent Event(string deliveryId, int n) =>
        new($"event-{n}", deliveryId, TrackingKinds.Position, DeliveryStage.HeadedToPickup, new Location(47.6, -122.1), null,
            DateTimeOffset.UnixEpoch.AddSeconds(n));

    [Fact]
    public async Task Append_WithoutEnd_KeepsTheEventsAndTheSeenIdsBounded_AndStillDedupesRecentIds()
    {
        var repository = Repository();
        var deliveryId = Guid.NewGuid().ToString("N");
        var total = RedisTrackingRepository.MaxSeenIds + 500;
        var database = fixture.Connection!.GetDatabase();
        var batch = Enumerable.Range(0, total).Select(n => repository.AppendAsync(Event(deliveryId, n), TestContext.Current.CancellationToken));
        Assert.All(await Task.WhenAll(batch), Assert.True);

        Assert.Equal(RedisTrackingRepository.MaxSeenIds, await database.SetLengthAsync($"tracking:{deliveryId}:ids"));
        Assert.Equal(RedisTrackingRepository.MaxSeenIds, await database.ListLengthAsync($"tracking:{deliveryId}:ids:order"));
        Assert.Equal(RedisTrackingRepository.MaxEvents, (await repository.ListAsync(deliveryId, TestContext.Current.CancellationToken)).Count);

        // A repeat of a recent id is still recognised; the oldest ids are forgotten.
        Assert.False(await repository.AppendAsync(Event(deliveryId, total - 1), TestContext.Current.CancellationToken));
        Assert.False(await database.SetContainsAsync($"tracking:{deliveryId}:ids", "event-0"));
        Assert.True(await database.SetContainsAsync($"tracking:{deliveryId}:ids", $"event-{total - 1}"));
    }
}

public sealed class RedisTrackingRepositoryOnGarnetTests(GarnetFixture fixture)
    : RedisTrackingRepositoryTests(fixture), IClassFixture<GarnetFixture>;

public sealed class RedisTrackingRepositoryOnRedisServerTests(RedisServerFixture fixture)
    : RedisTrackingRepositoryTests(fixture), IClassFixture<RedisServerFixture>;
