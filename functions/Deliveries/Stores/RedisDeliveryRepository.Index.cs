using System.Globalization;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using StackExchange.Redis;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>
/// The owners' indexes: per owner a sorted set of all its deliveries (<c>deliveries:owner:{ownerId}</c>)
/// and one per stage (<c>deliveries:stage:{stage}:{ownerId}</c>; the stage first, so no owner id can
/// spell another owner's key). Every member has score 0 and reads <c>{creation time, ms, 13 digits}:{id}</c>,
/// so the set's lexical order is creation order and a page is one <c>ZREVRANGEBYLEX</c> from the
/// cursor, exclusive: exact with equal creation times, and stable while deliveries are added.
/// A write moves the record in the indexes in its own script; a page costs that range
/// (O(log n + top)) and one <c>MGET</c> of its records. Counting the deliveries created in a period is a
/// <c>ZLEXCOUNT</c> of the owner's set and of each stage's (O(log n) each, no record read), in one transaction, so the
/// stages add up to the total as of one moment.
/// </summary>
public sealed partial class RedisDeliveryRepository
{
    private const int TimeDigits = 13;

    public static RedisKey OwnerIndex(string ownerId) => $"deliveries:owner:{ownerId}";

    public static RedisKey StageIndex(string ownerId, DeliveryStage stage) => $"deliveries:stage:{stage}:{ownerId}";

    public async Task<DeliveryPage> ListByOwnerAsync(string ownerId, DeliveryStage? stage, int top, DeliveryCursor? after, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var members = await database.SortedSetRangeByValueAsync(
            stage is { } only ? StageIndex(ownerId, only) : OwnerIndex(ownerId),
            min: default,
            max: after is null ? default : Member(after.CreatedAt, after.Id),
            exclude: Exclude.Stop,
            order: Order.Descending,
            take: top + 1);
        var page = members.Take(top).Select(CursorOf).ToArray();
        var records = page.Length == 0 ? [] : await database.StringGetAsync([.. page.Select(cursor => Key(cursor.Id))]);
        // A record that changed stage or went between the two reads is left out rather than shown where it no longer belongs.
        var deliveries = records.Select(Deserialize)
            .OfType<Delivery>()
            .Where(delivery => delivery.OwnerId == ownerId && (stage is null || delivery.Stage == stage))
            .ToList();
        return new DeliveryPage(deliveries, members.Length > top ? page[^1] : null);
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

    private static readonly DeliveryStage[] Stages = Enum.GetValues<DeliveryStage>();

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
            ? [(OwnerIndex(delivery.OwnerId), Member(created, delivery.Id)), (StageIndex(delivery.OwnerId, delivery.Stage), Member(created, delivery.Id))]
            : [];

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
