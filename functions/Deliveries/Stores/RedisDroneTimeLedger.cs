using System.Globalization;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Stores.Redis;
using StackExchange.Redis;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>
/// Redis keys: <c>flight:{deliveryId}</c>, the first HeadedToPickup time (Unix ms, kept 30 days or until counted); per
/// owner and month <c>usage:drone-seconds:{ownerId}:{yyyy-MM}</c>, a hash of each counted delivery's seconds and their sum
/// under <see cref="TotalField"/>. A final stage counts a delivery in one script that reads the flight's start and adds
/// its seconds only if the delivery was not counted before, so a retried or repeated final write counts it once.
/// </summary>
public sealed class RedisDroneTimeLedger(IConnectionMultiplexer redis) : IDroneTimeLedger
{
    /// <summary>The sum's field: delivery ids are checked ids, and no id has a space.</summary>
    public const string TotalField = "total seconds";

    private static readonly TimeSpan FlightKept = TimeSpan.FromDays(30);

    private static readonly RedisScript CountOnce = new("""
        local start = redis.call('GET', KEYS[1])
        if not start then
          return 0
        end
        local seconds = tostring(math.max(0, (tonumber(ARGV[2]) - tonumber(start)) / 1000))
        redis.call('DEL', KEYS[1])
        if redis.call('HSETNX', KEYS[2], ARGV[1], seconds) == 1 then
          redis.call('HINCRBYFLOAT', KEYS[2], ARGV[3], seconds)
          return 1
        end
        return 0
        """);

    public static RedisKey FlightKey(string deliveryId) => $"flight:{deliveryId}";

    public static RedisKey UsageKey(string ownerId, int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"usage:drone-seconds:{ownerId}:{year:D4}-{month:D2}");

    public async Task StageRecordedAsync(Delivery stored, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        if (stored is { Stage: DeliveryStage.HeadedToPickup, DroneId: not null })
        {
            await database.StringSetAsync(FlightKey(stored.Id), at.ToUnixTimeMilliseconds(), FlightKept, When.NotExists);
            return;
        }

        if (!stored.Stage.IsFinal() || stored.CreatedAt is not { } created)
        {
            return;
        }

        await CountOnce.EvaluateAsync(
            redis,
            [FlightKey(stored.Id), UsageKey(stored.OwnerId, created.UtcDateTime.Year, created.UtcDateTime.Month)],
            [stored.Id, at.ToUnixTimeMilliseconds(), TotalField]);
    }

    public async Task<double> DroneMinutesAsync(string ownerId, int year, int month, CancellationToken cancellationToken)
    {
        var total = await redis.GetDatabase().HashGetAsync(UsageKey(ownerId, year, month), TotalField);
        return total.HasValue ? Math.Round((double)total / 60, 2) : 0;
    }
}
