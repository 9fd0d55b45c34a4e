using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Deliveries;

/// <summary>Stores each delivery as one JSON string under <c>delivery:{id}</c>.</summary>
public sealed class RedisDeliveryRepository(IConnectionMultiplexer redis) : IDeliveryRepository
{
    private const int MaxPatchAttempts = 10;

    public static RedisKey Key(string id) => $"delivery:{id}";

    public async Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(id));
        return Deserialize(value);
    }

    public async Task<bool> UpsertAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var previous = await redis.GetDatabase().StringSetAndGetAsync(Key(delivery.Id), Serialize(delivery));
        return previous.IsNull;
    }

    public async Task<Delivery?> PatchAsync(string id, DeliveryPatch patch, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        for (var attempt = 0; attempt < MaxPatchAttempts; attempt++)
        {
            var current = await database.StringGetAsync(Key(id));
            var delivery = Deserialize(current);
            if (delivery is null)
            {
                return null;
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

        throw new InvalidOperationException($"Delivery '{id}' kept changing; patch abandoned after {MaxPatchAttempts} attempts.");
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(Key(id));

    private static byte[] Serialize(Delivery delivery) => JsonSerializer.SerializeToUtf8Bytes(delivery, ContractJson.Options);

    private static Delivery? Deserialize(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize<Delivery>((byte[])value!, ContractJson.Options);
}
