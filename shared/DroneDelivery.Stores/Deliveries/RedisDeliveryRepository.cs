using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Deliveries;

/// <summary>
/// Stores each delivery as one JSON string under <c>delivery:{id}</c>. A write never moves a record
/// backwards (<see cref="DeliveryStages"/>): a late or repeated write leaves the newer record as it
/// is. A write and its tracking event are one Lua script, one server-side step: a replacement (PUT)
/// is one round trip, the script reading the stored record's stage and drone to decide; a patch
/// reads the record, merges it here and has the script write it only if the record is still what
/// was read (compare-and-set), reading again when it is not.
/// </summary>
public sealed class RedisDeliveryRepository(IConnectionMultiplexer redis) : IDeliveryRepository
{
    private const int MaxWriteAttempts = 10;

    /// <summary>
    /// KEYS[1] the record, ARGV[1] the replacement, ARGV[2] the stored stages it may replace (each
    /// between spaces), ARGV[3] the stage at which a stored drone is kept (empty: none); then the
    /// stage event, appended either way (once per event id). Returns 1 when the record was created.
    /// </summary>
    private const string ReplaceScript = RedisTrackingRepository.AppendFunction + """
        local stored = redis.call('GET', KEYS[1])
        local write = true
        if stored then
          local record = cjson.decode(stored)
          write = string.find(ARGV[2], ' ' .. record.stage .. ' ', 1, true) ~= nil
            and not (record.stage == ARGV[3] and type(record.droneId) == 'string')
        end
        if write then redis.call('SET', KEYS[1], ARGV[1]) end
        append(1, 3)
        if write and not stored then return 1 end
        return 0
        """;

    /// <summary>
    /// KEYS[1] the record, ARGV[1] the record as it was read, ARGV[2] its replacement; then the
    /// stage event, if any. Returns 0, changing nothing, when the record is no longer what was read.
    /// </summary>
    private const string CompareAndSetScript = RedisTrackingRepository.AppendFunction + """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        if ARGV[2] ~= ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) end
        if #KEYS > 1 then append(1, 2) end
        return 1
        """;

    private static readonly DeliveryStage[] Stages = Enum.GetValues<DeliveryStage>();

    public static RedisKey Key(string id) => $"delivery:{id}";

    public async Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(id));
        return Deserialize(value);
    }

    public async Task<bool> UpsertAsync(Delivery delivery, TrackingEvent stageChange, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            ReplaceScript,
            [Key(delivery.Id), .. RedisTrackingRepository.AppendKeys(delivery.Id)],
            [Serialize(delivery), ReplaceableStages(delivery), StageKeepingTheDrone(delivery), .. RedisTrackingRepository.AppendValues(stageChange)]);
        return (int)result == 1;
    }

    public async Task<Delivery?> PatchAsync(string id, DeliveryPatch patch, TrackingEvent? stageChange, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var current = await database.StringGetAsync(Key(id));
            if (Deserialize(current) is not { } stored)
            {
                return null;
            }

            var patched = patch.Stage is { } stage && !stored.Stage.MayMoveTo(stage)
                ? stored
                : stored with
                {
                    Stage = patch.Stage ?? stored.Stage,
                    PickupTime = patch.PickupTime ?? stored.PickupTime,
                    Deadline = patch.Deadline ?? stored.Deadline,
                    FailureReason = patch.FailureReason ?? stored.FailureReason,
                };
            var appended = stageChange is not null && patched.Stage == patch.Stage ? stageChange : null;
            if (patched == stored && appended is null)
            {
                return stored;
            }

            var replacement = patched == stored ? current : (RedisValue)Serialize(patched);
            RedisKey[] keys = appended is null ? [Key(id)] : [Key(id), .. RedisTrackingRepository.AppendKeys(id)];
            RedisValue[] values = appended is null ? [current, replacement] : [current, replacement, .. RedisTrackingRepository.AppendValues(appended)];
            var written = await database.ScriptEvaluateAsync(CompareAndSetScript, keys, values);
            if ((int)written == 1)
            {
                return patched;
            }
        }

        throw new InvalidOperationException($"Delivery '{id}' kept changing; write abandoned after {MaxWriteAttempts} attempts.");
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(Key(id));

    /// <summary>
    /// The stored stages a replacement supersedes: those its stage may follow
    /// (<see cref="DeliveryStages.MayMoveTo"/>), as the script reads them.
    /// </summary>
    private static string ReplaceableStages(Delivery replacement) =>
        $" {string.Join(' ', Stages.Where(stage => stage.MayMoveTo(replacement.Stage)))} ";

    /// <summary>
    /// A replacement without a drone does not replace a record at its own stage that has one (the
    /// first save, without one, repeated after the second).
    /// </summary>
    private static string StageKeepingTheDrone(Delivery replacement) =>
        replacement.DroneId is null ? replacement.Stage.ToString() : string.Empty;

    private static byte[] Serialize(Delivery delivery) => JsonSerializer.SerializeToUtf8Bytes(delivery, ContractJson.Options);

    private static Delivery? Deserialize(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize<Delivery>((byte[])value!, ContractJson.Options);
}
