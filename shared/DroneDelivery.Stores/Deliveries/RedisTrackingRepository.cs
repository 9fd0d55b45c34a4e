using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Deliveries;

/// <summary>
/// Per delivery: a capped list of events (<c>tracking:{id}</c>, the last <see cref="MaxEvents"/>),
/// the set of event ids seen (<c>tracking:{id}:ids</c>) with the order they came in
/// (<c>tracking:{id}:ids:order</c>), both capped to the last <see cref="MaxSeenIds"/> ids, and the
/// last position (<c>tracking:{id}:position</c>). One Lua script makes "append unless seen" atomic
/// in a single round trip; positions older than the stored one do not replace it. A drone reporting
/// without end (or a client repeating ids) therefore costs a bounded amount of memory per delivery:
/// a repeat of an id older than the last <see cref="MaxSeenIds"/> is appended again (the delivery
/// service dedupes retries, which come within seconds, not thousands of events later).
/// </summary>
public sealed class RedisTrackingRepository(IConnectionMultiplexer redis) : ITrackingRepository
{
    public const int MaxEvents = 1000;

    /// <summary>How many event ids are remembered for dedupe, per delivery (twice the events kept).</summary>
    public const int MaxSeenIds = 2 * MaxEvents;

    private static readonly LuaScript Append = LuaScript.Prepare("""
        if redis.call('SADD', @ids, @eventId) == 0 then return 0 end
        redis.call('RPUSH', @order, @eventId)
        if redis.call('LLEN', @order) > tonumber(@maxIds) then
          redis.call('SREM', @ids, redis.call('LPOP', @order))
        end
        redis.call('RPUSH', @events, @json)
        redis.call('LTRIM', @events, -tonumber(@max), -1)
        if tonumber(@hasPosition) == 1 then
          local current = redis.call('HGET', @position, 'at')
          if not current or tonumber(current) <= tonumber(@at) then
            redis.call('HSET', @position, 'at', @at, 'json', @json)
          end
        end
        return 1
        """);

    public async Task<bool> AppendAsync(TrackingEvent trackingEvent, CancellationToken cancellationToken)
    {
        var id = trackingEvent.DeliveryId;
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Append, new
        {
            ids = (RedisKey)$"tracking:{id}:ids",
            order = (RedisKey)$"tracking:{id}:ids:order",
            events = (RedisKey)$"tracking:{id}",
            position = (RedisKey)$"tracking:{id}:position",
            eventId = trackingEvent.EventId,
            json = JsonSerializer.Serialize(trackingEvent, ContractJson.Options),
            max = MaxEvents,
            maxIds = MaxSeenIds,
            hasPosition = trackingEvent.Position is null ? 0 : 1,
            at = trackingEvent.OccurredAt.ToUnixTimeMilliseconds(),
        });
        return (int)result == 1;
    }

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
