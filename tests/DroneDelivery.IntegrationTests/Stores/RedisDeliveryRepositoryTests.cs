using DroneDelivery.Contracts.Model;
using DroneDelivery.Stores.Deliveries;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>The Redis delivery store's behaviour, run against each Redis-speaking server.</summary>
public abstract class RedisDeliveryRepositoryTests(RedisFixture fixture)
{
    private RedisDeliveryRepository Repository()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? string.Empty);
        return new RedisDeliveryRepository(fixture.Connection!);
    }

    private static Delivery NewDelivery(string? id = null) => new(
        id ?? Guid.NewGuid().ToString("N"), "owner-1", new Location(47.64, -122.13), new Location(47.61, -122.2),
        DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset.Parse("2026-11-27T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        false, ConfirmationType.None, "pkg-1", "drone-0001", DeliveryStage.Created);

    [Fact]
    public async Task Upsert_OfANewDelivery_CreatesIt_AndAReplayReplacesIt()
    {
        var repository = Repository();
        var delivery = NewDelivery();

        Assert.True(await repository.UpsertAsync(delivery, TestContext.Current.CancellationToken));
        Assert.False(await repository.UpsertAsync(delivery with { DroneId = "drone-0002" }, TestContext.Current.CancellationToken));

        var stored = await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken);
        Assert.Equal(delivery with { DroneId = "drone-0002" }, stored);
    }

    [Fact]
    public async Task Get_OfAnUnknownId_ReturnsNull()
    {
        Assert.Null(await Repository().GetAsync("no-such-delivery", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Patch_ChangesOnlyTheGivenFields()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await repository.UpsertAsync(delivery, TestContext.Current.CancellationToken);

        var patched = await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.Failed, null, null, "no drone"), TestContext.Current.CancellationToken);

        Assert.Equal(delivery with { Stage = DeliveryStage.Failed, FailureReason = "no drone" }, patched);
        Assert.Equal(patched, await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Patch_OfAnUnknownId_ReturnsNullAndCreatesNothing()
    {
        var repository = Repository();
        Assert.Null(await repository.PatchAsync("missing-" + Guid.NewGuid().ToString("N"), new DeliveryPatch(DeliveryStage.Failed, null, null, null), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConcurrentPatches_OfDifferentFields_AllLand()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await repository.UpsertAsync(delivery, TestContext.Current.CancellationToken);
        var newDeadline = delivery.Deadline.AddHours(1);

        await Task.WhenAll(
            repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null), TestContext.Current.CancellationToken),
            repository.PatchAsync(delivery.Id, new DeliveryPatch(null, null, newDeadline, null), TestContext.Current.CancellationToken),
            repository.PatchAsync(delivery.Id, new DeliveryPatch(null, null, null, "note"), TestContext.Current.CancellationToken));

        var stored = await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken);
        Assert.Equal(delivery with { Stage = DeliveryStage.HeadedToPickup, Deadline = newDeadline, FailureReason = "note" }, stored);
    }

    [Fact]
    public async Task Upsert_OfAnEarlierStage_LeavesTheNewerRecord()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await repository.UpsertAsync(delivery, TestContext.Current.CancellationToken);
        await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null), TestContext.Current.CancellationToken);

        Assert.False(await repository.UpsertAsync(delivery, TestContext.Current.CancellationToken));

        Assert.Equal(DeliveryStage.HeadedToPickup, (await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken))!.Stage);
    }

    [Fact]
    public async Task Upsert_OfTheSameStageWithoutTheDrone_KeepsTheDrone()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await repository.UpsertAsync(delivery, TestContext.Current.CancellationToken);

        await repository.UpsertAsync(delivery with { DroneId = null }, TestContext.Current.CancellationToken);

        Assert.Equal("drone-0001", (await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken))!.DroneId);
    }

    [Fact]
    public async Task Patch_OfAnEndedDelivery_DoesNotReopenIt()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await repository.UpsertAsync(delivery, TestContext.Current.CancellationToken);
        var cancelled = await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.Cancelled, null, null, "by the customer"), TestContext.Current.CancellationToken);

        var late = await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, "late"), TestContext.Current.CancellationToken);

        Assert.Equal(cancelled, late);
        Assert.Equal(cancelled, await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Patch_RescheduleBeforePickup_MovesToRescheduledAndBack()
    {
        var repository = Repository();
        var delivery = NewDelivery() with { Stage = DeliveryStage.HeadedToPickup };
        await repository.UpsertAsync(delivery, TestContext.Current.CancellationToken);

        await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.Rescheduled, null, null, null), TestContext.Current.CancellationToken);
        var replanned = await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null), TestContext.Current.CancellationToken);

        Assert.Equal(DeliveryStage.HeadedToPickup, replanned!.Stage);
    }

    [Fact]
    public async Task Delete_RemovesTheDelivery_AndIsHarmlessTwice()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await repository.UpsertAsync(delivery, TestContext.Current.CancellationToken);

        Assert.True(await repository.DeleteAsync(delivery.Id, TestContext.Current.CancellationToken));
        Assert.False(await repository.DeleteAsync(delivery.Id, TestContext.Current.CancellationToken));
        Assert.Null(await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken));
    }
}

public sealed class RedisDeliveryRepositoryOnGarnetTests(GarnetFixture fixture)
    : RedisDeliveryRepositoryTests(fixture), IClassFixture<GarnetFixture>;

public sealed class RedisDeliveryRepositoryOnRedisServerTests(RedisServerFixture fixture)
    : RedisDeliveryRepositoryTests(fixture), IClassFixture<RedisServerFixture>;
