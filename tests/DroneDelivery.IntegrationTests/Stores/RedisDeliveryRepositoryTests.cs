using DroneDelivery.Contracts.Model;
using DroneDelivery.Stores.Deliveries;
using StackExchange.Redis.Profiling;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>The Redis delivery store's behaviour, run against each Redis-speaking server.</summary>
public abstract class RedisDeliveryRepositoryTests(RedisFixture fixture)
{
    private const string OneScript = "^EVAL(SHA)?$";

    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-27T12:05:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private RedisDeliveryRepository Repository()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? string.Empty);
        return new RedisDeliveryRepository(fixture.Connection!);
    }

    private RedisTrackingRepository Tracking() => new(fixture.Connection!);

    private static TrackingEvent StageEvent(string id, DeliveryStage stage, string eventId) =>
        new(eventId, id, TrackingKinds.StageChanged, stage, null, null, At);

    /// <summary>A PUT's write: the record with its stage event (keyed once per stage).</summary>
    private static Task<bool> UpsertAsync(RedisDeliveryRepository repository, Delivery delivery) =>
        repository.UpsertAsync(delivery, StageEvent(delivery.Id, delivery.Stage, $"{delivery.Id}:stage:{delivery.Stage}"), TestContext.Current.CancellationToken);

    /// <summary>A PATCH's write: with a stage, the stage event keyed by a new change id.</summary>
    private static Task<Delivery?> PatchAsync(RedisDeliveryRepository repository, string id, DeliveryPatch patch) =>
        repository.PatchAsync(id, patch, patch.Stage is { } stage ? StageEvent(id, stage, Guid.NewGuid().ToString("N")) : null, TestContext.Current.CancellationToken);

    private async Task<DeliveryStage?[]> StagesTrackedAsync(string id) =>
        [.. (await Tracking().ListAsync(id, TestContext.Current.CancellationToken)).Select(trackingEvent => trackingEvent.Stage)];

    /// <summary>The commands the client sent the server for <paramref name="write"/> (its second run).</summary>
    private async Task<string[]> CommandsSentByAsync(Func<Task> write)
    {
        await write();
        var session = new ProfilingSession();
        fixture.Connection!.RegisterProfiler(() => session);
        try
        {
            await write();
        }
        finally
        {
            fixture.Connection.RegisterProfiler(() => null);
        }

        return [.. session.FinishProfiling().Select(command => command.Command)];
    }

    [Fact]
    public async Task Upsert_WritesTheRecordAndItsStageEvent_InOneScript()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        var version = 0;

        var commands = await CommandsSentByAsync(() => UpsertAsync(repository, delivery with { PackageId = $"pkg-{++version}" }));

        Assert.Matches(OneScript, Assert.Single(commands));
        Assert.Equal("pkg-2", (await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken))!.PackageId);
        Assert.Equal([DeliveryStage.Created], await StagesTrackedAsync(delivery.Id));
    }

    [Fact]
    public async Task Patch_WritesTheRecordAndItsStageEvent_InOneReadAndOneScript()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await UpsertAsync(repository, delivery);
        var stages = new Queue<DeliveryStage>([DeliveryStage.HeadedToPickup, DeliveryStage.HeadedToDropoff]);

        var commands = await CommandsSentByAsync(() => PatchAsync(repository, delivery.Id, new DeliveryPatch(stages.Dequeue(), null, null, null)));

        Assert.Collection(commands, first => Assert.Equal("GET", first), second => Assert.Matches(OneScript, second));
        Assert.Equal([DeliveryStage.Created, DeliveryStage.HeadedToPickup, DeliveryStage.HeadedToDropoff], await StagesTrackedAsync(delivery.Id));
    }

    [Fact]
    public async Task Upsert_OfAnEarlierStage_RecordsNoSecondEventForARepeatedStage()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await UpsertAsync(repository, delivery);
        await PatchAsync(repository, delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null));

        await UpsertAsync(repository, delivery);

        Assert.Equal([DeliveryStage.Created, DeliveryStage.HeadedToPickup], await StagesTrackedAsync(delivery.Id));
    }

    [Fact]
    public async Task Patch_ToAStageThatMayNotFollow_RecordsNoEvent()
    {
        var repository = Repository();
        var delivery = NewDelivery() with { Stage = DeliveryStage.Completed };
        await UpsertAsync(repository, delivery);

        await PatchAsync(repository, delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null));

        Assert.Equal([DeliveryStage.Completed], await StagesTrackedAsync(delivery.Id));
    }

    [Fact]
    public async Task Patch_WithoutAStage_RecordsNoEvent()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await UpsertAsync(repository, delivery);

        await PatchAsync(repository, delivery.Id, new DeliveryPatch(null, null, delivery.Deadline.AddHours(1), null));

        Assert.Equal([DeliveryStage.Created], await StagesTrackedAsync(delivery.Id));
    }

    [Fact]
    public async Task Patch_ToTheStageTheRecordIsAt_RecordsTheEventOfARetriedChange()
    {
        var repository = Repository();
        var delivery = NewDelivery() with { Stage = DeliveryStage.HeadedToPickup };
        await UpsertAsync(repository, delivery);
        var retried = StageEvent(delivery.Id, DeliveryStage.HeadedToPickup, "change-7");

        await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null), retried, TestContext.Current.CancellationToken);
        await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null), retried, TestContext.Current.CancellationToken);

        Assert.Equal([DeliveryStage.HeadedToPickup, DeliveryStage.HeadedToPickup], await StagesTrackedAsync(delivery.Id));
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

        Assert.True(await UpsertAsync(repository, delivery));
        Assert.False(await UpsertAsync(repository, delivery with { DroneId = "drone-0002" }));

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
        await UpsertAsync(repository, delivery);

        var patched = await PatchAsync(repository, delivery.Id, new DeliveryPatch(DeliveryStage.Failed, null, null, "no drone"));

        Assert.Equal(delivery with { Stage = DeliveryStage.Failed, FailureReason = "no drone" }, patched);
        Assert.Equal(patched, await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Patch_OfAnUnknownId_ReturnsNullAndCreatesNothing()
    {
        var repository = Repository();
        Assert.Null(await PatchAsync(repository, "missing-" + Guid.NewGuid().ToString("N"), new DeliveryPatch(DeliveryStage.Failed, null, null, null)));
    }

    [Fact]
    public async Task ConcurrentPatches_OfDifferentFields_AllLand()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await UpsertAsync(repository, delivery);
        var newDeadline = delivery.Deadline.AddHours(1);

        await Task.WhenAll(
            PatchAsync(repository, delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null)),
            PatchAsync(repository, delivery.Id, new DeliveryPatch(null, null, newDeadline, null)),
            PatchAsync(repository, delivery.Id, new DeliveryPatch(null, null, null, "note")));

        var stored = await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken);
        Assert.Equal(delivery with { Stage = DeliveryStage.HeadedToPickup, Deadline = newDeadline, FailureReason = "note" }, stored);
    }

    [Fact]
    public async Task Upsert_OfAnEarlierStage_LeavesTheNewerRecord()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await UpsertAsync(repository, delivery);
        await PatchAsync(repository, delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null));

        Assert.False(await UpsertAsync(repository, delivery));

        Assert.Equal(DeliveryStage.HeadedToPickup, (await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken))!.Stage);
    }

    [Fact]
    public async Task Upsert_OfTheSameStageWithoutTheDrone_KeepsTheDrone()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await UpsertAsync(repository, delivery);

        await UpsertAsync(repository, delivery with { DroneId = null });

        Assert.Equal("drone-0001", (await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken))!.DroneId);
    }

    [Fact]
    public async Task Patch_OfAnEndedDelivery_DoesNotReopenIt()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await UpsertAsync(repository, delivery);
        var cancelled = await PatchAsync(repository, delivery.Id, new DeliveryPatch(DeliveryStage.Cancelled, null, null, "by the customer"));

        var late = await PatchAsync(repository, delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, "late"));

        Assert.Equal(cancelled, late);
        Assert.Equal(cancelled, await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Patch_RescheduleBeforePickup_MovesToRescheduledAndBack()
    {
        var repository = Repository();
        var delivery = NewDelivery() with { Stage = DeliveryStage.HeadedToPickup };
        await UpsertAsync(repository, delivery);

        await PatchAsync(repository, delivery.Id, new DeliveryPatch(DeliveryStage.Rescheduled, null, null, null));
        var replanned = await PatchAsync(repository, delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null));

        Assert.Equal(DeliveryStage.HeadedToPickup, replanned!.Stage);
    }

    [Fact]
    public async Task Delete_RemovesTheDelivery_AndIsHarmlessTwice()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await UpsertAsync(repository, delivery);

        Assert.True(await repository.DeleteAsync(delivery.Id, TestContext.Current.CancellationToken));
        Assert.False(await repository.DeleteAsync(delivery.Id, TestContext.Current.CancellationToken));
        Assert.Null(await repository.GetAsync(delivery.Id, TestContext.Current.CancellationToken));
    }
}

public sealed class RedisDeliveryRepositoryOnGarnetTests(GarnetFixture fixture)
    : RedisDeliveryRepositoryTests(fixture), IClassFixture<GarnetFixture>;

public sealed class RedisDeliveryRepositoryOnRedisServerTests(RedisServerFixture fixture)
    : RedisDeliveryRepositoryTests(fixture), IClassFixture<RedisServerFixture>;
