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
        var database = redis.GetDatabase();
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var current = await database.StringGetAsync(Key(delivery.Id));
            var existing = Deserialize(current);
            if (existing is not null && !Supersedes(delivery, existing))
            {
                return false;
            }

            var transaction = database.CreateTransaction();
            transaction.AddCondition(existing is null ? Condition.KeyNotExists(Key(delivery.Id)) : Condition.StringEqual(Key(delivery.Id), current));
            _ = transaction.StringSetAsync(Key(delivery.Id), Serialize(delivery));
            if (await transaction.ExecuteAsync())
            {
                return existing is null;
            }
        }

        throw Contended(delivery.Id);
    }

    public async Task<Delivery?> PatchAsync(string id, DeliveryPatch patch, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var current = await database.StringGetAsync(Key(id));
            var delivery = Deserialize(current);
            if (delivery is null || (patch.Stage is { } stage && !delivery.Stage.MayMoveTo(stage)))
            {
                return delivery;
            }

            var updated = delivery with
            {
                Stage = patch.Stage ?? delivery.Stage,
                PickupTime = patch.PickupTime ?? delivery.PickupTime,
                Deadline = patch.Deadline ?? delivery.Deadline,
                FailureReason = patch.FailureReason ?? delivery.FailureReason,
            };
            var transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(Key(id), current));
            _ = transaction.StringSetAsync(Key(id), Serialize(updated));
            if (await transaction.ExecuteAsync())
            {
                return updated;
            }
        }

        throw Contended(id);
    }

    /// <summary>
    /// Whether a replacement is newer than the stored record: its stage may follow the stored one,
    /// and at the same stage it does not drop the drone already assigned (the first save, without
    /// one, repeated after the second).
    /// </summary>
    private static bool Supersedes(Delivery replacement, Delivery stored) =>
        stored.Stage.MayMoveTo(replacement.Stage)
        && !(replacement.Stage == stored.Stage && replacement.DroneId is null && stored.DroneId is not null);

    private static InvalidOperationException Contended(string id) =>
        new($"Delivery '{id}' kept changing; write abandoned after {MaxWriteAttempts} attempts.");

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(Key(id));

    private static byte[] Serialize(Delivery delivery) => JsonSerializer.SerializeToUtf8Bytes(delivery, ContractJson.Options);

    private static Delivery? Deserialize(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize<Delivery>((byte[])value!, ContractJson.Options);
}
