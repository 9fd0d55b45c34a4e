using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Stores.Redis;
using StackExchange.Redis;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>
/// Stores each delivery as one JSON string under <c>delivery:{id}</c> and never moves a record
/// backwards (<see cref="DeliveryStages"/>): a late or repeated write leaves the newer record as it
/// is. Every write is one Lua script that also appends the write's stage event
/// (<see cref="RedisTrackingRepository.AppendFunction"/>) and moves the record in the owner's
/// and the all-owners indexes (RedisDeliveryRepository.Index.cs), so the three land together or not at all, and a
/// write that may not land changes none of them. A PUT is that script alone (one round trip); a
/// PATCH or DELETE reads the record, changes it in C# and has the script write it only if the
/// record is still what was read (two round trips). The scripts go by their SHA-1 (<see cref="RedisScript"/>).
/// A record keeps the creation time of its first write.
/// </summary>
public sealed partial class RedisDeliveryRepository(IConnectionMultiplexer redis) : IDeliveryRepository
{
    private const int MaxWriteAttempts = 10;

    /// <summary>
    /// A PUT. KEYS: 1 the record, 2–5 the tracking keys (<see cref="RedisTrackingRepository.AppendKeys"/>),
    /// 6.. the all-owners index keys (<see cref="AllIndexKeys"/>: all deliveries, then one per stage), then per
    /// owner in ARGV[16..] its index keys (<see cref="IndexKeys"/>: all deliveries, then one per
    /// stage in <see cref="StageNames"/> order). ARGV: 1–2 the replacement's JSON before and after its
    /// <c>createdAt</c>, 3 that creation time, 4 its index member, 5 the id, 6 its stage, 7 the stages
    /// it may follow (between spaces), 8 its stage when it has no drone (a stored drone at that stage
    /// is kept: the write is older), 9 <see cref="StageNames"/>, 10–15 the stage event
    /// (<see cref="RedisTrackingRepository.AppendValues"/>), 16.. owners. The stored creation time
    /// replaces the new one; its index member is rebuilt from it (<c>ms</c>: ISO 8601 to Unix
    /// milliseconds, 13 digits). Returns {1, creation time} created, {2, creation time} replaced (an empty
    /// creation time: the stored record had none, and the record is written without one), {0, the stored
    /// record} when older than it (nothing written), or the stored record's owner when its index keys were
    /// not passed (nothing written).
    /// </summary>
    private static readonly RedisScript ReplaceScript = new(RedisTrackingRepository.AppendFunction + """
        local function ms(iso)
          local y, mo, d, h, mi, s, frac, zone = string.match(iso, '^(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)%.?(%d*)(.*)$')
          y, mo = tonumber(y), tonumber(mo)
          if mo <= 2 then y = y - 1 end
          local era = math.floor(y / 400)
          local yoe = y - era * 400
          local doy = math.floor((153 * ((mo + 9) % 12) + 2) / 5) + tonumber(d) - 1
          local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
          local seconds = (((era * 146097 + doe - 719468) * 24 + tonumber(h)) * 60 + tonumber(mi)) * 60 + tonumber(s)
          local sign, oh, om = string.match(zone, '^([+-])(%d%d):(%d%d)$')
          if sign then
            local offset = (tonumber(oh) * 60 + tonumber(om)) * 60
            if sign == '+' then seconds = seconds - offset else seconds = seconds + offset end
          end
          return string.format('%013d', seconds * 1000 + tonumber(string.sub(frac .. '000', 1, 3)))
        end

        local stages, slot = 0, {}
        for name in string.gmatch(ARGV[9], '%S+') do
          stages = stages + 1
          slot[name] = stages
        end

        local function indexes(owner, stage)
          for i = 16, #ARGV do
            if ARGV[i] == owner then
              local base = 7 + stages + (i - 16) * (stages + 1)
              return KEYS[base], KEYS[base + slot[stage]]
            end
          end
        end

        local function given(value)
          return value ~= nil and value ~= cjson.null
        end

        local stored = redis.call('GET', KEYS[1])
        local created, member = ARGV[3], ARGV[4]
        local oldOwner, oldStage, oldAll
        if stored then
          local old = cjson.decode(stored)
          if not string.find(ARGV[7], ' ' .. tostring(old.stage) .. ' ', 1, true) then return {0, stored} end
          if old.stage == ARGV[8] and given(old.droneId) then return {0, stored} end
          if given(old.createdAt) then
            created, member = old.createdAt, ms(old.createdAt) .. ':' .. ARGV[5]
            oldOwner, oldStage = indexes(old.ownerId, old.stage)
            if not oldOwner then return old.ownerId end
            oldAll = KEYS[6 + slot[old.stage]]
          else
            created, member = nil, nil
          end
        end

        redis.call('SET', KEYS[1], created and (ARGV[1] .. ',"createdAt":"' .. created .. '"' .. ARGV[2]) or (ARGV[1] .. ARGV[2]))
        if member then
          local owner, stage = indexes(ARGV[16], ARGV[6])
          if oldOwner ~= owner then
            if oldOwner then redis.call('ZREM', oldOwner, member) end
            redis.call('ZADD', owner, 0, member)
          end
          if oldStage ~= stage then
            if oldStage then redis.call('ZREM', oldStage, member) end
            redis.call('ZADD', stage, 0, member)
          end
          local all = KEYS[6 + slot[ARGV[6]]]
          if oldAll ~= all then
            if oldAll then redis.call('ZREM', oldAll, member) end
            redis.call('ZADD', all, 0, member)
          end
          redis.call('ZADD', KEYS[6], 0, member)
        end

        append(1, 9)
        return {stored and 2 or 1, created or ''}
        """);

    /// <summary>
    /// A PATCH or DELETE. KEYS: 1 the record, 2–5 the tracking keys, then the index keys to remove the
    /// record from, then those to add it to. ARGV: 1 the record as it was read, 2 its replacement (empty:
    /// delete it), 3 how many index keys are removals, 4 whether a stage event follows (1) in 5–10,
    /// then each index key's member. Returns 0, changing nothing, when the record is no longer what was read.
    /// </summary>
    private static readonly RedisScript CompareAndSetScript = new(RedisTrackingRepository.AppendFunction + """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
        local removals = tonumber(ARGV[3])
        for i = 6, #KEYS do
          if i - 5 <= removals then
            redis.call('ZREM', KEYS[i], ARGV[i + 5])
          else
            redis.call('ZADD', KEYS[i], 0, ARGV[i + 5])
          end
        end
        if ARGV[4] == '1' then append(1, 4) end
        return 1
        """);

    private static readonly RedisValue[] NoEvent = [.. Enumerable.Repeat(RedisValue.EmptyString, 6)];

    public static RedisKey Key(string id) => $"delivery:{id}";

    public async Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(id));
        return Deserialize(value);
    }

    public async Task<DeliveryUpsert> UpsertAsync(Delivery delivery, TrackingEvent stageChange, CancellationToken cancellationToken)
    {
        if (delivery.CreatedAt is not { } createdAt)
        {
            throw new ArgumentException("A delivery record needs its creation time: the owner's list is ordered by it.", nameof(delivery));
        }

        var created = JsonSerializer.Serialize(createdAt, ContractJson.Options);
        var json = JsonSerializer.Serialize(delivery, ContractJson.Options);
        var property = $",\"createdAt\":{created}";
        var at = json.IndexOf(property, StringComparison.Ordinal);
        RedisValue[] values =
        [
            json[..at], json[(at + property.Length)..], created.Trim('"'), Member(createdAt, delivery.Id), delivery.Id, StageName(delivery.Stage),
            Followed(delivery.Stage), delivery.DroneId is null ? StageName(delivery.Stage) : RedisValue.EmptyString, StageNames,
            .. RedisTrackingRepository.AppendValues(stageChange),
        ];
        List<string> owners = [delivery.OwnerId];
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var result = await ReplaceScript.EvaluateAsync(
                redis,
                [Key(delivery.Id), .. RedisTrackingRepository.AppendKeys(delivery.Id), .. AllIndexKeys, .. owners.SelectMany(IndexKeys)],
                [.. values, .. owners.Select(owner => (RedisValue)owner)]);
            if (result.Resp2Type == ResultType.Array)
            {
                var answer = (RedisResult[])result!;
                return (int)answer[0] switch
                {
                    0 => new DeliveryUpsert(false, Deserialize((RedisValue)answer[1])!),
                    var written => new DeliveryUpsert(written == 1, delivery with { CreatedAt = CreatedAt((string)answer[1]!) }),
                };
            }

            // The stored record is another owner's: write again with that owner's index keys too.
            owners.Add((string)result!);
        }

        throw new InvalidOperationException($"Delivery '{delivery.Id}' kept changing owner; write abandoned after {MaxWriteAttempts} attempts.");
    }

    /// <summary>The creation time the write script kept (an ISO 8601 string as the record holds it), or null for none.</summary>
    private static DateTimeOffset? CreatedAt(string stored) =>
        stored.Length == 0 ? null : DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);

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

            if (patch.Stage is { } stage && !stored.Stage.MayMoveTo(stage))
            {
                return stored;
            }

            var patched = stored with
            {
                Stage = patch.Stage ?? stored.Stage,
                PickupTime = patch.PickupTime ?? stored.PickupTime,
                Deadline = patch.Deadline ?? stored.Deadline,
                FailureReason = patch.FailureReason ?? stored.FailureReason,
                Confirmation = patch.Confirmation ?? stored.Confirmation,
            };
            if (await TryWriteAsync(id, current, stored, patched, stageChange))
            {
                return patched;
            }
        }

        throw new InvalidOperationException($"Delivery '{id}' kept changing; write abandoned after {MaxWriteAttempts} attempts.");
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var current = await database.StringGetAsync(Key(id));
            if (current.IsNull)
            {
                return false;
            }

            if (await TryWriteAsync(id, current, Deserialize(current), replacement: null, stageChange: null))
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Delivery '{id}' kept changing; delete abandoned after {MaxWriteAttempts} attempts.");
    }

    /// <summary>
    /// Replaces (or, with no <paramref name="replacement"/>, deletes) the record, moves it in the
    /// owner's indexes and appends <paramref name="stageChange"/>, in one script that does all of it
    /// only if the record is still <paramref name="current"/>.
    /// </summary>
    private async Task<bool> TryWriteAsync(string id, RedisValue current, Delivery? stored, Delivery? replacement, TrackingEvent? stageChange)
    {
        var (removed, added) = IndexChanges(stored, replacement);
        var result = await CompareAndSetScript.EvaluateAsync(
            redis,
            [Key(id), .. RedisTrackingRepository.AppendKeys(id), .. removed.Select(entry => entry.Key), .. added.Select(entry => entry.Key)],
            [
                current, replacement is null ? RedisValue.EmptyString : Serialize(replacement), removed.Length, stageChange is null ? 0 : 1,
                .. stageChange is null ? NoEvent : RedisTrackingRepository.AppendValues(stageChange),
                .. removed.Select(entry => entry.Member), .. added.Select(entry => entry.Member),
            ]);
        return (int)result == 1;
    }

    private static byte[] Serialize(Delivery delivery) => JsonSerializer.SerializeToUtf8Bytes(delivery, ContractJson.Options);

    private static Delivery? Deserialize(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize<Delivery>((byte[])value!, ContractJson.Options);
}
