using System.Globalization;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using StackExchange.Redis;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>
/// The indexes: per owner a sorted set of all its deliveries (<c>deliveries:owner:{ownerId}</c>)
/// and one per stage (<c>deliveries:stage:{stage}:{ownerId}</c>; the stage first, so no owner id can
/// spell another owner's key), and the same across all owners for admins (<c>deliveries:all</c>,
/// <c>deliveries:all:stage:{stage}</c>). Every member has score 0 and reads <c>{creation time, ms, 13 digits}:{id}</c>,
/// so the set's lexical order is creation order and a page is one <c>ZREVRANGEBYLEX</c> from the
/// cursor (or the end of the searched period), exclusive, down to the period's start: exact with equal creation
/// times, and stable while deliveries are added. A write moves the record in the indexes in its own script; a
/// page costs that range (O(log n + top)) and one <c>MGET</c> of its records, whatever the number of
/// deliveries or owners. A search by failure reason has no index of its own (reasons are sentences, some
/// with times): it filters the records of the range as it reads them, at most <see cref="DeliverySearch.MaxScanned"/>
/// entries a page (O(log n + 1000)), and a page it cut short carries a cursor.
/// Counting the deliveries created in a period is a
/// <c>ZLEXCOUNT</c> of the owner's set and of each stage's (O(log n) each, no record read), in one transaction, so the
/// stages add up to the total as of one moment. Every owner's counts come a scan step at a time (<see cref="CountAllOwnersAsync"/>).
/// </summary>
public sealed partial class RedisDeliveryRepository
{
    private const int TimeDigits = 13;

    private const string OwnerIndexPrefix = "deliveries:owner:";

    /// <summary>How many index entries a search by reason reads at a time.</summary>
    private const int ReasonBatch = 100;

    public static RedisKey OwnerIndex(string ownerId) => OwnerIndexPrefix + ownerId;

    public static RedisKey StageIndex(string ownerId, DeliveryStage stage) => $"deliveries:stage:{stage}:{ownerId}";

    /// <summary>Every owner's deliveries: what an admin's search without an owner reads.</summary>
    public static RedisKey AllIndex => "deliveries:all";

    /// <summary>Every owner's deliveries at one stage.</summary>
    public static RedisKey AllStageIndex(DeliveryStage stage) => $"deliveries:all:stage:{stage}";

    public async Task<DeliveryPage> SearchAsync(DeliverySearch search, int top, DeliveryCursor? after, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var index = (search.OwnerId, search.Stage) switch
        {
            (null, null) => AllIndex,
            (null, { } stage) => AllStageIndex(stage),
            ({ } owner, null) => OwnerIndex(owner),
            ({ } owner, { } stage) => StageIndex(owner, stage),
        };
        RedisValue from = search.From is { } since ? $"{Milliseconds(Clamp(since))}:" : default;
        RedisValue until = search.To is { } before ? $"{Milliseconds(Clamp(before))}:" : default;
        var budget = search.Reason is null ? top : DeliverySearch.MaxScanned;
        var found = new List<Delivery>(top);
        var position = after is null ? default : Member(after.CreatedAt, after.Id);
        var scanned = 0;
        while (true)
        {
            // Below both the cursor and the end of the period, whichever comes first (both exclusive).
            var max = position.IsNull || (!until.IsNull && string.CompareOrdinal(until, position) < 0) ? until : position;
            var take = Math.Min(budget - scanned, Math.Max(top, ReasonBatch));
            var members = await database.SortedSetRangeByValueAsync(index, from, max, Exclude.Stop, Order.Descending, take: take + 1);
            var batch = members.Take(take).ToArray();
            var records = batch.Length == 0 ? [] : await database.StringGetAsync([.. batch.Select(member => Key(CursorOf(member).Id))]);
            for (var i = 0; i < batch.Length; i++)
            {
                scanned++;
                position = batch[i];
                // A record that changed stage or went between the two reads is left out rather than shown where it no longer belongs.
                if (Deserialize(records[i]) is { } delivery && search.Matches(delivery))
                {
                    found.Add(delivery);
                    if (found.Count == top)
                    {
                        return new DeliveryPage(found, i < batch.Length - 1 || members.Length > take ? CursorOf(position) : null);
                    }
                }
            }

            if (members.Length <= take)
            {
                return new DeliveryPage(found, null);
            }

            if (scanned >= budget)
            {
                return new DeliveryPage(found, CursorOf(position));
            }
        }
    }

    public async Task<DeliveryCounts> CountByOwnerAsync(string ownerId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        RedisValue min = $"{Milliseconds(since)}:";
        RedisValue max = $"{Milliseconds(until)}:";
        var transaction = redis.GetDatabase().CreateTransaction();
        var requested = transaction.SortedSetLengthByValueAsync(OwnerIndex(ownerId), min, max, Exclude.Stop);
        var byStage = Stages
            .ToDictionary(stage => stage, stage => transaction.SortedSetLengthByValueAsync(StageIndex(ownerId, stage), min, max, Exclude.Stop));
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException($"The usage count of owner '{ownerId}' was not executed.");
        }

        var counts = new Dictionary<DeliveryStage, long>();
        foreach (var (stage, count) in byStage)
        {
            counts[stage] = await count;
        }

        return new DeliveryCounts(await requested, counts);
    }

    /// <summary>
    /// One <c>SCAN</c> step over the owners' indexes (<c>MATCH deliveries:owner:*</c>; owner ids hold no glob
    /// characters), then each owner's count: a page costs the keys scanned plus one count transaction per owner found.
    /// </summary>
    public async Task<OwnerCountsPage> CountAllOwnersAsync(DateTimeOffset since, DateTimeOffset until, string? cursor, int scanBatch, CancellationToken cancellationToken)
    {
        var step = (RedisResult[])(await redis.GetDatabase().ExecuteAsync("SCAN", cursor ?? "0", "MATCH", OwnerIndexPrefix + "*", "COUNT", scanBatch))!;
        var next = (string)step[0]!;
        var owners = ((RedisKey[])step[1]!).Select(key => ((string)key!)[OwnerIndexPrefix.Length..]).Distinct(StringComparer.Ordinal).ToList();
        var counts = await Task.WhenAll(owners.Select(owner => CountByOwnerAsync(owner, since, until, cancellationToken)));
        return new OwnerCountsPage(
            [.. owners.Zip(counts, (owner, count) => new OwnerCounts(owner, count)).Where(owner => owner.Counts.Requested > 0)],
            next == "0" ? null : next);
    }

    private static readonly DeliveryStage[] Stages = Enum.GetValues<DeliveryStage>();

    /// <summary>The all-owners index keys as the write script takes them: all deliveries, then one per stage in <see cref="Stages"/> order.</summary>
    private static readonly RedisKey[] AllIndexKeys = [AllIndex, .. Stages.Select(AllStageIndex)];

    /// <summary>Each stage as records spell it (<see cref="ContractJson"/>), by stage.</summary>
    private static readonly Dictionary<DeliveryStage, string> StageNamesByStage =
        Stages.ToDictionary(stage => stage, stage => JsonSerializer.Serialize(stage, ContractJson.Options).Trim('"'));

    /// <summary>The stages, in <see cref="Stages"/> order, between spaces: how the write script finds a stage's index key.</summary>
    private static readonly string StageNames = string.Join(' ', Stages.Select(StageName));

    /// <summary>By stage: the stages a record at it may replace (<see cref="DeliveryStages.MayMoveTo"/>), between spaces.</summary>
    private static readonly Dictionary<DeliveryStage, string> FollowedByStage = Stages.ToDictionary(
        stage => stage, stage => $" {string.Join(' ', Stages.Where(stored => stored.MayMoveTo(stage)).Select(StageName))} ");

    /// <summary>An owner's index keys as the write script takes them: all its deliveries, then one per stage in <see cref="Stages"/> order.</summary>
    private static IEnumerable<RedisKey> IndexKeys(string ownerId) =>
        [OwnerIndex(ownerId), .. Stages.Select(stage => StageIndex(ownerId, stage))];

    private static string StageName(DeliveryStage stage) => StageNamesByStage[stage];

    private static string Followed(DeliveryStage stage) => FollowedByStage[stage];

    /// <summary>The index entries a record leaves and those it joins when <paramref name="before"/> becomes <paramref name="after"/> (either may be null).</summary>
    private static ((RedisKey Key, RedisValue Member)[] Removed, (RedisKey Key, RedisValue Member)[] Added) IndexChanges(Delivery? before, Delivery? after)
    {
        var removed = IndexEntries(before);
        var added = IndexEntries(after);
        return ([.. removed.Except(added)], [.. added.Except(removed)]);
    }

    /// <summary>The index entries of a record; none for a record stored before the indexes (it has no creation time).</summary>
    private static (RedisKey Key, RedisValue Member)[] IndexEntries(Delivery? delivery) =>
        delivery?.CreatedAt is { } created
            ?
            [
                (OwnerIndex(delivery.OwnerId), Member(created, delivery.Id)), (StageIndex(delivery.OwnerId, delivery.Stage), Member(created, delivery.Id)),
                (AllIndex, Member(created, delivery.Id)), (AllStageIndex(delivery.Stage), Member(created, delivery.Id)),
            ]
            : [];

    /// <summary>A period's bound as the indexes can spell it: from 1970 up to the last 13-digit millisecond.</summary>
    private static DateTimeOffset Clamp(DateTimeOffset time) =>
        time < DateTimeOffset.UnixEpoch ? DateTimeOffset.UnixEpoch
        : time.ToUnixTimeMilliseconds() > DeliveryCursor.MaxMilliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(DeliveryCursor.MaxMilliseconds) : time;

    private static RedisValue Member(DateTimeOffset createdAt, string id) => $"{Milliseconds(createdAt)}:{id}";

    private static string Milliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString($"D{TimeDigits}", CultureInfo.InvariantCulture);

    private static DeliveryCursor CursorOf(RedisValue member)
    {
        var text = (string)member!;
        return new DeliveryCursor(
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text.AsSpan(0, TimeDigits), NumberStyles.None, CultureInfo.InvariantCulture)),
            text[(TimeDigits + 1)..]);
    }
}
