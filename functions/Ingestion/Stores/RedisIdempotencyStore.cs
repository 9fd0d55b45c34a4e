using System.Text.Json;
using DroneDelivery.Contracts.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DroneDelivery.Ingestion.Stores;

/// <summary>
/// First answers as JSON strings under <c>idempotency:{key}</c>, written with <c>SET NX</c> and a
/// TTL, so of two requests racing with one key exactly one answer is kept.
/// </summary>
public sealed class RedisIdempotencyStore(IConnectionMultiplexer redis, IOptions<IdempotencyOptions> options) : IIdempotencyStore
{
    public static RedisKey Key(string key) => $"idempotency:{key}";

    public async Task<StoredAnswer?> GetAsync(string key, CancellationToken cancellationToken) =>
        Deserialize(await redis.GetDatabase().StringGetAsync(Key(key)));

    public async Task<StoredAnswer?> AddAsync(string key, StoredAnswer answer, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var value = JsonSerializer.SerializeToUtf8Bytes(answer, ContractJson.Options);
        if (await database.StringSetAsync(Key(key), value, options.Value.Ttl, When.NotExists))
        {
            return null;
        }

        return Deserialize(await database.StringGetAsync(Key(key))) ?? answer;
    }

    private static StoredAnswer? Deserialize(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize<StoredAnswer>((byte[])value!, ContractJson.Options);
}
