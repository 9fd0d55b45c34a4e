using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>
/// The lists the delivery store keeps beside the records, run against each Redis-speaking server: an
/// owner's and all owners' (admins' search), newest first across pages, by stage as records move, by
/// period and failure reason; one owner's only; and the proof of delivery kept with the record.
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
            var page = await repository.SearchAsync(new DeliverySearch(_owner), 3, after, Cancel);
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
    public async Task CountAll_StepsThroughEveryOwner_EachWithItsMonthsCounts_LeavingOutOwnersWithNone()
    {
        var repository = Repository();
        var month = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var owners = Enumerable.Range(0, 5).Select(n => $"{_owner}-{n}").ToList();
        for (var n = 0; n < owners.Count; n++)
        {
            // Owner n has n deliveries in the month (owner 0 none: one the month before), and one the month after.
            foreach (var delivery in Enumerable.Range(0, n).Select(day => NewDelivery(owners[n], month.AddDays(day)))
                .Append(NewDelivery(owners[n], n == 0 ? month.AddMinutes(-1) : month.AddMonths(1))))
            {
                await repository.UpsertAsync(delivery, Cancel);
            }
        }

        var seen = new List<OwnerCounts>();
        string? cursor = null;
        var steps = 0;
        do
        {
            // A small step: the walk takes several, over this test's owners and every other test's.
            var page = await repository.CountAllOwnersAsync(month, month.AddMonths(1), cursor, 3, Cancel);
            seen.AddRange(page.Owners.Where(owner => owner.OwnerId.StartsWith(_owner, StringComparison.Ordinal)));
            Assert.All(page.Owners, owner => Assert.True(owner.Counts.Requested > 0));
            cursor = page.Next;
            steps++;
        }
        while (cursor is not null && steps < 10_000);

        Assert.Null(cursor);
        Assert.True(steps > 1, $"{steps} steps");
        var byOwner = seen.DistinctBy(owner => owner.OwnerId).ToDictionary(owner => owner.OwnerId, owner => owner.Counts);
        Assert.Equal(owners.Skip(1).Order(StringComparer.Ordinal), byOwner.Keys.Order(StringComparer.Ordinal));
        Assert.All(owners.Skip(1).Select((owner, n) => (owner, n: n + 1)), expected =>
            Assert.Equal((long)expected.n, byOwner[expected.owner].At(DeliveryStage.Created)));
        Assert.All(byOwner.Values, counts => Assert.Equal(counts.Requested, counts.ByStage.Values.Sum()));
    }

    [Fact]
    public async Task List_AfterTheLastPage_IsEmptyAndEnds()
    {
        var repository = Repository();
        await repository.UpsertAsync(NewDelivery(_owner, Start), Cancel);

        var first = await repository.SearchAsync(new DeliverySearch(_owner), 1, null, Cancel);
        var none = await repository.SearchAsync(new DeliverySearch("nobody-" + Guid.NewGuid().ToString("N")), 20, null, Cancel);

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
        Assert.Equal(["theirs"], (await repository.SearchAsync(new DeliverySearch(lookalike), 20, null, Cancel)).Deliveries.Select(d => d.Id));
    }

    [Fact]
    public async Task Replacement_KeepsTheFirstCreationTime_AndOneListEntry()
    {
        var repository = Repository();
        var delivery = NewDelivery(_owner, Start);
        await repository.UpsertAsync(delivery, Cancel);

        await repository.UpsertAsync(delivery with { DroneId = "drone-0007", CreatedAt = Start.AddHours(1) }, Cancel);

        var listed = Assert.Single((await repository.SearchAsync(new DeliverySearch(_owner), 20, null, Cancel)).Deliveries);
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
        Assert.Equal(picture, Assert.Single((await repository.SearchAsync(new DeliverySearch(_owner, DeliveryStage.Completed), 20, null, Cancel)).Deliveries).Confirmation);
    }

    [Fact]
    public async Task Search_WithoutAnOwner_FindsEveryOwnersDeliveriesInThePeriod_NewestFirst_PageByPage()
    {
        var repository = Repository();
        var (from, to) = Period();
        var owners = new[] { _owner, "other-" + _owner, "third-" + _owner };
        var inside = Enumerable.Range(0, 7).Select(i => NewDelivery(owners[i % 3], from.AddMinutes(i % 4 == 0 ? 0 : i))).ToList();
        var outside = new[] { NewDelivery(_owner, from.AddMilliseconds(-1)), NewDelivery(owners[1], to) };
        foreach (var delivery in inside.Concat(outside).OrderBy(_ => Guid.NewGuid()))
        {
            await repository.UpsertAsync(delivery, Cancel);
        }

        var (listed, pages) = await AllPagesAsync(repository, new DeliverySearch(null, From: from, To: to), top: 3);

        Assert.Equal(3, pages);
        Assert.Equal(
            inside.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id, StringComparer.Ordinal).Select(d => d.Id),
            listed.Select(d => d.Id));
    }

    [Fact]
    public async Task Search_ByStageAcrossOwners_FollowsTheRecordsAsTheyMove_ThroughPutsPatchesAndDeletes()
    {
        var repository = Repository();
        var (from, to) = Period();
        var flying = NewDelivery(_owner, from);
        var failed = NewDelivery("other-" + _owner, from.AddMinutes(1));
        var deleted = NewDelivery("third-" + _owner, from.AddMinutes(2));
        foreach (var delivery in new[] { flying, failed, deleted })
        {
            await repository.UpsertAsync(delivery, Cancel);
        }

        await repository.UpsertAsync(flying with { Stage = DeliveryStage.HeadedToPickup, DroneId = "drone-1" }, Cancel);
        await repository.PatchAsync(failed.Id, new DeliveryPatch(DeliveryStage.Failed, null, null, "no drone could be assigned"), Cancel);
        await repository.DeleteAsync(deleted.Id, Cancel);

        async Task<IEnumerable<string>> At(DeliveryStage? stage) =>
            (await repository.SearchAsync(new DeliverySearch(null, stage, from, to), 20, null, Cancel)).Deliveries.Select(d => d.Id);
        Assert.Empty(await At(DeliveryStage.Created));
        Assert.Equal([flying.Id], await At(DeliveryStage.HeadedToPickup));
        Assert.Equal([failed.Id], await At(DeliveryStage.Failed));
        Assert.Equal([failed.Id, flying.Id], await At(null));
    }

    [Fact]
    public async Task Search_ByReason_FindsTheDeliveriesWhoseFailureReasonContainsIt_IgnoringCase()
    {
        var repository = Repository();
        var (from, to) = Period();
        var noDrone = NewDelivery(_owner, from);
        var noPackage = NewDelivery("other-" + _owner, from.AddMinutes(1));
        var fine = NewDelivery(_owner, from.AddMinutes(2));
        foreach (var delivery in new[] { noDrone, noPackage, fine })
        {
            await repository.UpsertAsync(delivery, Cancel);
        }

        await repository.PatchAsync(noDrone.Id, new DeliveryPatch(DeliveryStage.Failed, null, null, "no drone could be assigned to the delivery"), Cancel);
        await repository.PatchAsync(noPackage.Id, new DeliveryPatch(DeliveryStage.Failed, null, null, "the package could not be registered"), Cancel);

        var found = await repository.SearchAsync(new DeliverySearch(null, DeliveryStage.Failed, from, to, "NO DRONE"), 20, null, Cancel);

        Assert.Equal([noDrone.Id], found.Deliveries.Select(d => d.Id));
        Assert.Equal("no drone could be assigned to the delivery", found.Deliveries[0].FailureReason);
        Assert.Null(found.Next);
    }

    [Fact]
    public async Task Search_ByReason_ReadsAtMostMaxScannedEntriesAPage_AndGoesOnFromWhereItStopped()
    {
        var repository = Repository();
        var (from, to) = Period();
        var match = NewDelivery(_owner, from) with { Stage = DeliveryStage.Failed, FailureReason = "the drone could not be dispatched" };
        await repository.UpsertAsync(match, Cancel);
        // Newer than the match: more deliveries without that reason than one page may read.
        var others = Enumerable.Range(1, DeliverySearch.MaxScanned + 5)
            .Select(i => NewDelivery(_owner, from.AddSeconds(i)) with { Stage = DeliveryStage.Failed, FailureReason = "no drone could be assigned" });
        await Task.WhenAll(others.Select(delivery => repository.UpsertAsync(delivery, Cancel)));
        var search = new DeliverySearch(_owner, DeliveryStage.Failed, from, to, "dispatched");

        var first = await repository.SearchAsync(search, 20, null, Cancel);
        var second = await repository.SearchAsync(search, 20, first.Next, Cancel);

        Assert.Empty(first.Deliveries);
        Assert.NotNull(first.Next);
        Assert.Equal([match.Id], second.Deliveries.Select(d => d.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Search_OverAPeriodBeyondWhatTheIndexesSpell_FindsEverything()
    {
        var repository = Repository();
        var delivery = NewDelivery(_owner, Start);
        await repository.UpsertAsync(delivery, Cancel);

        var found = await repository.SearchAsync(new DeliverySearch(_owner, From: DateTimeOffset.MinValue, To: DateTimeOffset.MaxValue), 20, null, Cancel);

        Assert.Equal([delivery.Id], found.Deliveries.Select(d => d.Id));
    }

    private static (DateTimeOffset From, DateTimeOffset To) Period()
    {
        // A period of its own on the shared server: the all-owners indexes hold every test's deliveries.
        var from = Start.AddDays(Random.Shared.Next(1, 20_000)).AddMinutes(Random.Shared.Next(0, 1440));
        return (from, from.AddHours(1));
    }

    private static async Task<(List<Delivery> Listed, int Pages)> AllPagesAsync(RedisDeliveryRepository repository, DeliverySearch search, int top)
    {
        var listed = new List<Delivery>();
        DeliveryCursor? after = null;
        var pages = 0;
        do
        {
            var page = await repository.SearchAsync(search, top, after, Cancel);
            listed.AddRange(page.Deliveries);
            after = page.Next is null ? null : DeliveryCursor.FromToken(page.Next.ToToken());
            pages++;
        }
        while (after is not null);

        return (listed, pages);
    }

    private async Task<IEnumerable<string>> IdsAsync(RedisDeliveryRepository repository, DeliveryStage? stage) =>
        (await repository.SearchAsync(new DeliverySearch(_owner, stage), 20, null, Cancel)).Deliveries.Select(d => d.Id);
}

public sealed class RedisDeliveryListOnGarnetTests(GarnetFixture fixture)
    : RedisDeliveryListTests(fixture), IClassFixture<GarnetFixture>;

public sealed class RedisDeliveryListOnRedisServerTests(RedisServerFixture fixture)
    : RedisDeliveryListTests(fixture), IClassFixture<RedisServerFixture>;
