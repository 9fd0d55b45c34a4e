using System.Globalization;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>The Redis delivery store's behaviour, run against each Redis-speaking server.</summary>
public abstract class RedisDeliveryRepositoryTests(RedisFixture fixture)
{
    private RedisDeliveryRepository Repository()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? string.Empty);
        return new RedisDeliveryRepository(fixture.Connection!);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IDatabase Database => fixture.Connection!.GetDatabase();

    private static Delivery NewDelivery(string? id = null) => new(
        id ?? Guid.NewGuid().ToString("N"), "owner-" + Guid.NewGuid().ToString("N"), new Location(47.64, -122.13), new Location(47.61, -122.2),
        DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset.Parse("2026-11-27T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        false, ConfirmationType.None, "pkg-1", "drone-0001", DeliveryStage.Created,
        CreatedAt: DateTimeOffset.Parse("2026-11-27T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

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

    [Fact]
    public async Task Upsert_WritesTheRecordItsStageEventAndItsIndexes_InOneScriptSentByItsHash()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        var stages = new Queue<DeliveryStage>([DeliveryStage.Created, DeliveryStage.HeadedToPickup]);

        var commands = await CommandsSentByAsync(() => repository.UpsertAsync(delivery with { Stage = stages.Dequeue() }, Cancel));

        Assert.Equal("EVALSHA", Assert.Single(commands));
        Assert.Equal([DeliveryStage.Created, DeliveryStage.HeadedToPickup], await StagesTrackedAsync(delivery.Id));
        Assert.Equal([Member(delivery)], await MembersAsync(RedisDeliveryRepository.OwnerIndex(delivery.OwnerId)));
        Assert.Empty(await MembersAsync(RedisDeliveryRepository.StageIndex(delivery.OwnerId, DeliveryStage.Created)));
        Assert.Equal([Member(delivery)], await MembersAsync(RedisDeliveryRepository.StageIndex(delivery.OwnerId, DeliveryStage.HeadedToPickup)));
    }

    [Fact]
    public async Task Patch_WritesTheRecordItsStageEventAndItsIndexes_InOneReadAndOneScript()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await repository.UpsertAsync(delivery, Cancel);
        var stages = new Queue<DeliveryStage>([DeliveryStage.HeadedToPickup, DeliveryStage.HeadedToDropoff]);

        var commands = await CommandsSentByAsync(() => repository.PatchAsync(delivery.Id, new DeliveryPatch(stages.Dequeue(), null, null, null), Cancel));

        Assert.Equal(["GET", "EVALSHA"], commands);
        Assert.Equal([DeliveryStage.Created, DeliveryStage.HeadedToPickup, DeliveryStage.HeadedToDropoff], await StagesTrackedAsync(delivery.Id));
        Assert.Equal([Member(delivery)], await MembersAsync(RedisDeliveryRepository.StageIndex(delivery.OwnerId, DeliveryStage.HeadedToDropoff)));
        Assert.Empty(await MembersAsync(RedisDeliveryRepository.StageIndex(delivery.OwnerId, DeliveryStage.HeadedToPickup)));
    }

    [Fact]
    public async Task ConcurrentStaleUpserts_LeaveTheRecordItsTrackingAndItsIndexesAsTheNewerWritesLeftThem()
    {
        var repository = Repository();
        var delivery = NewDelivery() with { Stage = DeliveryStage.HeadedToDropoff };
        await repository.UpsertAsync(delivery, Cancel);

        // Late retries of a stage the record never had in this store, racing the write that ends the delivery.
        await Task.WhenAll([
            .. Enumerable.Range(0, 20).Select(i => repository.UpsertAsync(delivery with { Stage = i % 2 == 0 ? DeliveryStage.HeadedToPickup : DeliveryStage.Created }, Cancel)),
            repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.Completed, null, null, null), Cancel),
        ]);
        var stale = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => repository.UpsertAsync(delivery with { Stage = DeliveryStage.HeadedToPickup }, Cancel)));

        Assert.All(stale, Assert.False);
        Assert.Equal(delivery with { Stage = DeliveryStage.Completed }, await repository.GetAsync(delivery.Id, Cancel));
        Assert.Equal([DeliveryStage.HeadedToDropoff, DeliveryStage.Completed], await StagesTrackedAsync(delivery.Id));
        Assert.Equal([Member(delivery)], await MembersAsync(RedisDeliveryRepository.OwnerIndex(delivery.OwnerId)));
        foreach (var stage in Enum.GetValues<DeliveryStage>())
        {
            Assert.Equal(stage == DeliveryStage.Completed ? [Member(delivery)] : [], await MembersAsync(RedisDeliveryRepository.StageIndex(delivery.OwnerId, stage)));
        }
    }

    [Fact]
    public async Task Upsert_RepeatedAsARetry_ChangesNothingMore()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        Assert.True(await repository.UpsertAsync(delivery, Cancel));
        var stored = await Database.StringGetAsync(RedisDeliveryRepository.Key(delivery.Id));

        Assert.False(await repository.UpsertAsync(delivery with { CreatedAt = delivery.CreatedAt!.Value.AddMinutes(3) }, Cancel));

        Assert.Equal(stored, await Database.StringGetAsync(RedisDeliveryRepository.Key(delivery.Id)));
        Assert.Equal([DeliveryStage.Created], await StagesTrackedAsync(delivery.Id));
        Assert.Equal([Member(delivery)], await MembersAsync(RedisDeliveryRepository.StageIndex(delivery.OwnerId, DeliveryStage.Created)));
    }

    /// <summary>The write script turns the stored creation time into the index member itself: it must agree with .NET's.</summary>
    [Theory]
    [InlineData("2026-11-27T11:00:00+00:00")]
    [InlineData("2028-02-29T23:59:59.9999999+05:30")]
    [InlineData("2027-01-01T00:00:00.001-08:00")]
    [InlineData("2000-03-01T00:00:00.5+14:00")]
    [InlineData("1999-12-31T23:59:59.123-12:00")]
    public async Task Upsert_KeepsTheFirstCreationTime_AndIndexesTheRecordUnderIt(string firstCreatedAt)
    {
        var repository = Repository();
        var createdAt = DateTimeOffset.Parse(firstCreatedAt, CultureInfo.InvariantCulture);
        var delivery = NewDelivery() with { CreatedAt = createdAt };
        await repository.UpsertAsync(delivery, Cancel);

        await repository.UpsertAsync(delivery with { Stage = DeliveryStage.HeadedToPickup, CreatedAt = DateTimeOffset.UtcNow }, Cancel);

        Assert.Equal(createdAt, (await repository.GetAsync(delivery.Id, Cancel))!.CreatedAt);
        Assert.Equal([Member(delivery)], await MembersAsync(RedisDeliveryRepository.StageIndex(delivery.OwnerId, DeliveryStage.HeadedToPickup)));
        Assert.Empty(await MembersAsync(RedisDeliveryRepository.StageIndex(delivery.OwnerId, DeliveryStage.Created)));
        Assert.Equal([Member(delivery)], await MembersAsync(RedisDeliveryRepository.OwnerIndex(delivery.OwnerId)));
    }

    [Fact]
    public async Task Upsert_AnswersTheRecordAsStored_WithTheFirstCreationTime()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        var created = await repository.UpsertAsync(delivery, DeliveryWrites.PutEvent(delivery), Cancel);
        var dispatched = delivery with { Stage = DeliveryStage.HeadedToPickup, CreatedAt = DateTimeOffset.UtcNow };

        var replaced = await repository.UpsertAsync(dispatched, DeliveryWrites.PutEvent(dispatched), Cancel);

        Assert.Equal(new DeliveryUpsert(true, delivery), created);
        Assert.Equal(new DeliveryUpsert(false, dispatched with { CreatedAt = delivery.CreatedAt }), replaced);
        Assert.Equal(replaced.Stored, await repository.GetAsync(delivery.Id, Cancel));
    }

    [Fact]
    public async Task Upsert_OlderThanTheStoredRecord_AnswersTheStoredRecord()
    {
        var repository = Repository();
        var delivery = NewDelivery() with { Stage = DeliveryStage.Completed };
        await repository.UpsertAsync(delivery, Cancel);
        var late = delivery with { Stage = DeliveryStage.Failed, FailureReason = "late", CreatedAt = DateTimeOffset.UtcNow };

        var answer = await repository.UpsertAsync(late, DeliveryWrites.PutEvent(late), Cancel);

        Assert.Equal(new DeliveryUpsert(false, delivery), answer);
    }

    [Fact]
    public async Task Upsert_ForAnotherOwner_MovesTheRecordFromTheFirstOwnersListsToTheSecondOnes()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        var other = "owner-" + Guid.NewGuid().ToString("N");
        await repository.UpsertAsync(delivery, Cancel);

        Assert.False(await repository.UpsertAsync(delivery with { OwnerId = other, Stage = DeliveryStage.HeadedToPickup }, Cancel));

        Assert.Empty(await MembersAsync(RedisDeliveryRepository.OwnerIndex(delivery.OwnerId)));
        Assert.Empty(await MembersAsync(RedisDeliveryRepository.StageIndex(delivery.OwnerId, DeliveryStage.Created)));
        Assert.Equal([Member(delivery)], await MembersAsync(RedisDeliveryRepository.OwnerIndex(other)));
        Assert.Equal([Member(delivery)], await MembersAsync(RedisDeliveryRepository.StageIndex(other, DeliveryStage.HeadedToPickup)));
    }

    [Fact]
    public async Task Upsert_OverARecordStoredBeforeTheIndexes_ReplacesItWithoutIndexingIt()
    {
        var repository = Repository();
        var old = NewDelivery() with { CreatedAt = null };
        await Database.StringSetAsync(RedisDeliveryRepository.Key(old.Id), System.Text.Json.JsonSerializer.Serialize(old, DroneDelivery.Contracts.Json.ContractJson.Options));

        Assert.False(await repository.UpsertAsync(old with { Stage = DeliveryStage.HeadedToPickup, CreatedAt = DateTimeOffset.UtcNow }, Cancel));

        Assert.Equal(old with { Stage = DeliveryStage.HeadedToPickup }, await repository.GetAsync(old.Id, Cancel));
        Assert.Empty(await MembersAsync(RedisDeliveryRepository.OwnerIndex(old.OwnerId)));
    }

    [Fact]
    public async Task Writes_AfterTheServerForgotItsScripts_StillLand()
    {
        var repository = Repository();
        var delivery = NewDelivery();
        await repository.UpsertAsync(delivery, Cancel);

        await Database.ExecuteAsync("SCRIPT", "FLUSH");

        Assert.False(await repository.UpsertAsync(delivery with { Stage = DeliveryStage.HeadedToPickup }, Cancel));
        Assert.Equal(DeliveryStage.HeadedToPickup, (await repository.PatchAsync(delivery.Id, new DeliveryPatch(null, null, null, "note"), Cancel))!.Stage);
        Assert.Equal([DeliveryStage.Created, DeliveryStage.HeadedToPickup], await StagesTrackedAsync(delivery.Id));
    }

    private static string Member(Delivery delivery) =>
        $"{delivery.CreatedAt!.Value.ToUnixTimeMilliseconds():D13}:{delivery.Id}";

    private async Task<string[]> MembersAsync(RedisKey index) =>
        [.. (await Database.SortedSetRangeByRankAsync(index)).Select(member => member.ToString())];

    private async Task<DeliveryStage?[]> StagesTrackedAsync(string id) =>
        [.. (await new RedisTrackingRepository(fixture.Connection!).ListAsync(id, Cancel)).Select(trackingEvent => trackingEvent.Stage)];

    /// <summary>The commands the client sent the server for <paramref name="write"/>'s second run (the first may load the script).</summary>
    private async Task<string[]> CommandsSentByAsync(Func<Task> write)
    {
        await ScriptsGoByHashAsync();
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

    /// <summary>
    /// Writes and patches deliveries of its own until both go by the scripts' hashes: a connection loads the scripts in
    /// the background on its first write, and calls made before the load has finished send the text (EVAL) by design.
    /// </summary>
    private async Task ScriptsGoByHashAsync()
    {
        var repository = new RedisDeliveryRepository(fixture.Connection!);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var delivery = NewDelivery();
            var session = new ProfilingSession();
            fixture.Connection!.RegisterProfiler(() => session);
            try
            {
                await repository.UpsertAsync(delivery, Cancel);
                await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null), Cancel);
            }
            finally
            {
                fixture.Connection.RegisterProfiler(() => null);
            }

            if (session.FinishProfiling().Count(command => command.Command == "EVALSHA") == 2)
            {
                return;
            }

            await Task.Delay(20, Cancel);
        }

        Assert.Fail("The delivery repository's scripts never went by their hashes.");
    }
}

public sealed class RedisDeliveryRepositoryOnGarnetTests(GarnetFixture fixture)
    : RedisDeliveryRepositoryTests(fixture), IClassFixture<GarnetFixture>;

public sealed class RedisDeliveryRepositoryOnRedisServerTests(RedisServerFixture fixture)
    : RedisDeliveryRepositoryTests(fixture), IClassFixture<RedisServerFixture>;
