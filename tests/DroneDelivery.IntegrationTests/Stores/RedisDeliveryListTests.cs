using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>
/// The owners' lists the delivery store keeps beside the records, run against each Redis-speaking
/// server: newest first across pages, by stage as records move, one owner's only; and the proof of
/// delivery kept with the record.
/// </summary>
public abstract class RedisDeliveryListTests(RedisFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    private readonly string _owner = "owner-" + Guid.NewGuid().ToString("N");

    private RedisDeliveryRepository Repository()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? string.Empty);
        return new RedisDeliveryRepository(fixture.Connection!);
    }

    private static Delivery NewDelivery(string owner, DateTimeOffset createdAt, string? id = null) => new(
        id ?? Guid.NewGuid().ToString("N"), owner, new Location(47.64, -122.13), new Location(47.61, -122.2),
        createdAt.AddHours(1), createdAt.AddHours(6), false, ConfirmationType.Picture, "pkg-1", null, DeliveryStage.Created, CreatedAt: createdAt);

    [Fact]
    public async Task List_GivesTheOwnersDeliveriesNewestFirst_PageByPage_WithoutRepeatsOrGaps()
    {
        var repository = Repository();
        // Seven deliveries, three of them created in the same millisecond: ordered by id among themselves.
        var created = new[] { 0, 1, 1, 1, 2, 5, 9 }.Select((minutes, i) => NewDelivery(_owner, Start.AddMinutes(minutes), $"d-{i}")).ToList();
        foreach (var delivery in created.OrderBy(_ => Guid.NewGuid()))
        {
            await repository.UpsertAsync(delivery, Cancel);
        }

        var listed = new List<Delivery>();
        DeliveryCursor? after = null;
        var pages = 0;
        do
        {
            var page = await repository.ListByOwnerAsync(_owner, null, 3, after, Cancel);
            Assert.InRange(page.Deliveries.Count, 1, 3);
            listed.AddRange(page.Deliveries);
            after = page.Next is null ? null : DeliveryCursor.FromToken(page.Next.ToToken());
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(
            created.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id, StringComparer.Ordinal).Select(d => d.Id),
            listed.Select(d => d.Id));
    }

    [Fact]
    public async Task Count_GivesTheDeliveriesCreatedInThePeriod_ByStageNow_AddingUpToTheTotal()
    {
        var repository = Repository();
        var month = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var inside = new[] { month, month.AddDays(3), month.AddMonths(1).AddMilliseconds(-1), month.AddDays(20) }
            .Select(created => NewDelivery(_owner, created)).ToList();
        foreach (var delivery in inside.Append(NewDelivery(_owner, month.AddMilliseconds(-1))).Append(NewDelivery(_owner, month.AddMonths(1)))
            .Append(NewDelivery("another-" + _owner, month.AddDays(1))))
        {
            await repository.UpsertAsync(delivery, Cancel);
        }

        await repository.PatchAsync(inside[0].Id, new DeliveryPatch(DeliveryStage.Cancelled, null, null, null), Cancel);
        await repository.PatchAsync(inside[1].Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null), Cancel);
        await repository.PatchAsync(inside[1].Id, new DeliveryPatch(DeliveryStage.HeadedToDropoff, null, null, null), Cancel);

        var counts = await repository.CountByOwnerAsync(_owner, month, month.AddMonths(1), Cancel);

        Assert.Equal(4, counts.Requested);
        Assert.Equal((2L, 1L, 1L, 0L), (counts.At(DeliveryStage.Created), counts.At(DeliveryStage.Cancelled), counts.At(DeliveryStage.HeadedToDropoff), counts.At(DeliveryStage.HeadedToPickup)));
        Assert.Equal(counts.Requested, counts.ByStage.Values.Sum());
    }

    [Fact]
    public async Task List_AfterTheLastPage_IsEmptyAndEnds()
    {
        var repository = Repository();
        await repository.UpsertAsync(NewDelivery(_owner, Start), Cancel);

        var first = await repository.ListByOwnerAsync(_owner, null, 1, null, Cancel);
        var none = await repository.ListByOwnerAsync("nobody-" + Guid.NewGuid().ToString("N"), null, 20, null, Cancel);

        Assert.Single(first.Deliveries);
        Assert.Null(first.Next);
        Assert.Empty(none.Deliveries);
        Assert.Null(none.Next);
    }

    [Fact]
    public async Task List_ByStage_FollowsTheRecordsAsTheyMove()
    {
        var repository = Repository();
        var waiting = NewDelivery(_owner, Start);
        var flying = NewDelivery(_owner, Start.AddMinutes(1));
        var failed = NewDelivery(_owner, Start.AddMinutes(2));
        foreach (var delivery in new[] { waiting, flying, failed })
        {
            await repository.UpsertAsync(delivery, Cancel);
        }

        await repository.PatchAsync(flying.Id, new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null), Cancel);
        await repository.PatchAsync(failed.Id, new DeliveryPatch(DeliveryStage.Failed, null, null, "no drone"), Cancel);
        await repository.PatchAsync(flying.Id, new DeliveryPatch(DeliveryStage.HeadedToDropoff, null, null, null), Cancel);

        Assert.Equal([waiting.Id], await IdsAsync(repository, DeliveryStage.Created));
        Assert.Empty(await IdsAsync(repository, DeliveryStage.HeadedToPickup));
        Assert.Equal([flying.Id], await IdsAsync(repository, DeliveryStage.HeadedToDropoff));
        Assert.Equal([failed.Id], await IdsAsync(repository, DeliveryStage.Failed));
        Assert.Equal([failed.Id, flying.Id, waiting.Id], await IdsAsync(repository, null));
    }

    [Fact]
    public async Task List_NeverShowsAnotherOwnersDeliveries_EvenOneWhoseIdSpellsAStageKey()
    {
        var repository = Repository();
        // With "{owner}:{stage}" keys, this owner's whole list would be the first owner's Created list.
        var lookalike = $"{_owner}:Created";
        await repository.UpsertAsync(NewDelivery(_owner, Start, "mine"), Cancel);
        await repository.UpsertAsync(NewDelivery(lookalike, Start, "theirs"), Cancel);

        Assert.Equal(["mine"], await IdsAsync(repository, null));
        Assert.Equal(["mine"], await IdsAsync(repository, DeliveryStage.Created));
        Assert.Equal(["theirs"], (await repository.ListByOwnerAsync(lookalike, null, 20, null, Cancel)).Deliveries.Select(d => d.Id));
    }

    [Fact]
    public async Task Replacement_KeepsTheFirstCreationTime_AndOneListEntry()
    {
        var repository = Repository();
        var delivery = NewDelivery(_owner, Start);
        await repository.UpsertAsync(delivery, Cancel);

        await repository.UpsertAsync(delivery with { DroneId = "drone-0007", CreatedAt = Start.AddHours(1) }, Cancel);

        var listed = Assert.Single((await repository.ListByOwnerAsync(_owner, null, 20, null, Cancel)).Deliveries);
        Assert.Equal(Start, listed.CreatedAt);
        Assert.Equal("drone-0007", listed.DroneId);
    }

    [Fact]
    public async Task Delete_TakesTheDeliveryOffTheLists()
    {
        var repository = Repository();
        var delivery = NewDelivery(_owner, Start);
        await repository.UpsertAsync(delivery, Cancel);

        await repository.DeleteAsync(delivery.Id, Cancel);

        Assert.Empty(await IdsAsync(repository, null));
        Assert.Empty(await IdsAsync(repository, DeliveryStage.Created));
    }

    [Fact]
    public async Task Upsert_OfARecordWithoutItsCreationTime_IsRefused()
    {
        var repository = Repository();

        await Assert.ThrowsAsync<ArgumentException>(() => repository.UpsertAsync(NewDelivery(_owner, Start) with { CreatedAt = null }, Cancel));
    }

    [Fact]
    public async Task PatchToCompleted_KeepsTheConfirmationWithTheRecord()
    {
        var repository = Repository();
        var delivery = NewDelivery(_owner, Start) with { Stage = DeliveryStage.HeadedToDropoff };
        var picture = new DeliveryConfirmation(ConfirmationType.Picture, "https://media.example/1.jpg", new string('c', 64));
        await repository.UpsertAsync(delivery, Cancel);

        await repository.PatchAsync(delivery.Id, new DeliveryPatch(DeliveryStage.Completed, null, null, null, Confirmation: picture), Cancel);

        Assert.Equal(picture, (await repository.GetAsync(delivery.Id, Cancel))!.Confirmation);
        Assert.Equal(picture, Assert.Single((await repository.ListByOwnerAsync(_owner, DeliveryStage.Completed, 20, null, Cancel)).Deliveries).Confirmation);
    }

    private async Task<IEnumerable<string>> IdsAsync(RedisDeliveryRepository repository, DeliveryStage? stage) =>
        (await repository.ListByOwnerAsync(_owner, stage, 20, null, Cancel)).Deliveries.Select(d => d.Id);
}

public sealed class RedisDeliveryListOnGarnetTests(GarnetFixture fixture)
    : RedisDeliveryListTests(fixture), IClassFixture<GarnetFixture>;

public sealed class RedisDeliveryListOnRedisServerTests(RedisServerFixture fixture)
    : RedisDeliveryListTests(fixture), IClassFixture<RedisServerFixture>;
