using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Deliveries;

/// <summary>
/// Stores each delivery as one JSON string under <c>delivery:{id}</c>. Writes are compare-and-set
/// (WATCH-style transactions) and never move a record backwards (<see cref="DeliveryStages"/>): a
/// late or repeated write leaves the newer record as it is.
/// </summary>
public sealed class RedisDeliveryRepository(IConnectionMultiplexer redis) : IDeliveryRepository
{
    private const int MaxWriteAttempts = 10;

    public static RedisKey Key(string id) => $"delivery:{id}";

    public async Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(id));
        return Deserialize(value);
    }

    public async Task<bool> UpsertAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var write = await CompareAndSetAsync(delivery.Id, stored => stored is null || Supersedes(delivery, stored) ? delivery : null);
        return write is { Before: null, After: not null };
    }

    public async Task<Delivery?> PatchAsync(string id, DeliveryPatch patch, CancellationToken cancellationToken)
    {
        var write = await CompareAndSetAsync(id, stored => stored is null || (patch.Stage is { } stage && !stored.Stage.MayMoveTo(stage))
            ? null
            : stored with
            {
                Stage = patch.Stage ?? stored.Stage,
                PickupTime = patch.PickupTime ?? stored.PickupTime,
                Deadline = patch.Deadline ?? stored.Deadline,
                FailureReason = patch.FailureReason ?? stored.FailureReason,
            });
        return write.After ?? write.Before;
    }

    /// <summary>
    /// Whether a replacement is newer than the stored record: its stage may follow the stored one,
    /// and at the same stage it does not drop the drone already assigned (the first save, without
    /// one, repeated after the second).
    /// </summary>
    private static bool Supersedes(Delivery replacement, Delivery stored) =>
        stored.Stage.MayMoveTo(replacement.Stage)
        && !(replacement.Stage == stored.Stage && replacement.DroneId is null && stored.DroneId is not null);

    /// <summary>
    /// Reads the record, asks <paramref name="change"/> for its replacement (null: leave it as it is)
    /// and writes that only if the record is still what was read; reads again when it is not.
    /// </summary>
    private async Task<RecordWrite> CompareAndSetAsync(string id, Func<Delivery?, Delivery?> change)
    {
        var database = redis.GetDatabase();
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var current = await database.StringGetAsync(Key(id));
            var stored = Deserialize(current);
            if (change(stored) is not { } replacement)
            {
                return new RecordWrite(stored, null);
            }

            var transaction = database.CreateTransaction();
            transaction.AddCondition(current.IsNull ? Condition.KeyNotExists(Key(id)) : Condition.StringEqual(Key(id), current));
            _ = transaction.StringSetAsync(Key(id), Serialize(replacement));
            if (await transaction.ExecuteAsync())
            {
                return new RecordWrite(stored, replacement);
            }
        }

        throw new InvalidOperationException($"Delivery '{id}' kept changing; write abandoned after {MaxWriteAttempts} attempts.");
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(Key(id));

    private static byte[] Serialize(Delivery delivery) => JsonSerializer.SerializeToUtf8Bytes(delivery, ContractJson.Options);

    private static Delivery? Deserialize(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize<Delivery>((byte[])value!, ContractJson.Options);

    /// <summary>The record as it was read, and what was written in its place (null: nothing was).</summary>
    private sealed record RecordWrite(Delivery? Before, Delivery? After);
}
