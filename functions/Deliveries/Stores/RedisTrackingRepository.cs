using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Stores.Redis;
using StackExchange.Redis;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>
/// Per delivery: a capped list of events (<c>tracking:{id}</c>, the last <see cref="MaxEvents"/>),
/// the set of event ids seen (<c>tracking:{id}:ids</c>) with the order they came in
/// (<c>tracking:{id}:ids:order</c>), both capped to the last <see cref="MaxSeenIds"/> ids, and the
/// last position (<c>tracking:{id}:position</c>). One Lua script makes "append unless seen" atomic
/// in a single round trip (a delivery record's write runs it in its own script); positions older
/// than the stored one do not replace it. A drone reporting without end (or a client repeating ids)
/// therefore costs a bounded amount of memory per delivery: a repeat of an id older than the last
/// <see cref="MaxSeenIds"/> is appended again (the delivery service dedupes retries, which come
/// within seconds, not thousands of events later).
/// </summary>
public sealed class RedisTrackingRepository(IConnectionMultiplexer redis) : ITrackingRepository
{
    public const int MaxEvents = 1000;

    /// <summary>How many event ids are remembered for dedupe, per delivery (twice the events kept).</summary>
    public const int MaxSeenIds = 2 * MaxEvents;

    /// <summary>
    /// The Lua function <c>append(k, a)</c>: appends the event given as <c>KEYS[k+1..k+4]</c>
    /// (<see cref="AppendKeys"/>) and <c>ARGV[a+1..a+6]</c> (<see cref="AppendValues"/>) unless its
    /// id was seen; returns 1 when it did. <see cref="RedisDeliveryRepository"/>'s write scripts call
    /// it after their own keys and values, so a record and its stage event land together.
    /// </summary>
    internal const string AppendFunction = """
        local function append(k, a)
          if redis.call('SADD', KEYS[k + 1], ARGV[a + 1]) == 0 then return 0 end
          redis.call('RPUSH', KEYS[k + 2], ARGV[a + 1])
          if redis.call('LLEN', KEYS[k + 2]) > tonumber(ARGV[a + 4]) then
            redis.call('SREM', KEYS[k + 1], redis.call('LPOP', KEYS[k + 2]))
          end
          redis.call('RPUSH', KEYS[k + 3], ARGV[a + 2])
          redis.call('LTRIM', KEYS[k + 3], -tonumber(ARGV[a + 3]), -1)
          if ARGV[a + 5] == '1' then
            local current = redis.call('HGET', KEYS[k + 4], 'at')
            if not current or tonumber(current) <= tonumber(ARGV[a + 6]) then
              redis.call('HSET', KEYS[k + 4], 'at', ARGV[a + 6], 'json', ARGV[a + 2])
            end
          end
          return 1
        end

        """;

    private static readonly RedisScript AppendScript = new(AppendFunction + "return append(0, 0)");

    public async Task<bool> AppendAsync(TrackingEvent trackingEvent, CancellationToken cancellationToken)
    {
        var result = await AppendScript.EvaluateAsync(redis, AppendKeys(trackingEvent.DeliveryId), AppendValues(trackingEvent));
        return (int)result == 1;
    }

    /// <summary>The keys <see cref="AppendFunction"/> writes: the ids seen, their order, the events, the last position.</summary>
    internal static RedisKey[] AppendKeys(string deliveryId) =>
        [$"tracking:{deliveryId}:ids", $"tracking:{deliveryId}:ids:order", $"tracking:{deliveryId}", $"tracking:{deliveryId}:position"];

    /// <summary>The values <see cref="AppendFunction"/> reads: the event's id and JSON, the caps, and whether and when it is a position.</summary>
    internal static RedisValue[] AppendValues(TrackingEvent trackingEvent) =>
    [
        trackingEvent.EventId,
        JsonSerializer.Serialize(trackingEvent, ContractJson.Options),
        MaxEvents,
        MaxSeenIds,
        trackingEvent.Position is null ? 0 : 1,
        trackingEvent.OccurredAt.ToUnixTimeMilliseconds(),
    ];

    public async Task<IReadOnlyList<TrackingEvent>> ListAsync(string deliveryId, CancellationToken cancellationToken) =>
        (await ListFromAsync(deliveryId, 0, cancellationToken)).Events;

    public async Task<TrackingPage> ListFromAsync(string deliveryId, long start, CancellationToken cancellationToken)
    {
        var values = await redis.GetDatabase().ListRangeAsync($"tracking:{deliveryId}", start);
        var events = new List<TrackingEvent>(values.Length);
        foreach (var value in values)
        {
            if (Read(value) is { } trackingEvent)
            {
                events.Add(trackingEvent);
            }
        }

        return new TrackingPage(events, start + values.Length);
    }

    public async Task<TrackingEvent?> GetLastPositionAsync(string deliveryId, CancellationToken cancellationToken) =>
        Read(await redis.GetDatabase().HashGetAsync($"tracking:{deliveryId}:position", "json"));

    /// <summary>
    /// A stored event, or null when it cannot be one (not JSON of an event, or a position that is
    /// not a pair of finite numbers): a read answers with the history it can read, never fails on
    /// what is stored. Everything this repository writes is read back; only a foreign or damaged
    /// value is skipped.
    /// </summary>
    public static TrackingEvent? Read(RedisValue value)
    {
        if (value.IsNull)
        {
            return null;
        }

        try
        {
            var trackingEvent = JsonSerializer.Deserialize<TrackingEvent>((string)value!, ContractJson.Options);
            return trackingEvent is { EventId: not null, DeliveryId: not null, Kind: not null }
                && (trackingEvent.Position is null || IsFinite(trackingEvent.Position))
                ? trackingEvent
                : null;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static bool IsFinite(Location position) =>
        double.IsFinite(position.Latitude) && double.IsFinite(position.Longitude) && double.IsFinite(position.Altitude);
}
