using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using StackExchange.Redis;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>
/// Webhooks in Redis, next to the deliveries they report on. A subscription is one JSON string
/// (<c>webhook:{id}</c>) listed in its owner's set (<c>webhooks:owner:{ownerId}</c>); its attempts a
/// capped list, newest first (<c>webhook:{id}:attempts</c>). The outbox is a hash of pending messages
/// (<c>webhooks:outbox</c>) and a sorted set of the time each is due (<c>webhooks:due</c>, Unix ms);
/// claiming moves a message's due time past its lease in the same script that reads it, so two
/// replicas never take the same message at once; "raised once" markers (<c>webhooks:once:…</c>)
/// expire after <see cref="OnceMarkerLifetime"/>.
/// </summary>
public sealed class RedisWebhookStore(IConnectionMultiplexer redis) : IWebhookRepository, IWebhookOutbox
{
    public const int MaxAttemptsKept = 100;

    /// <summary>Longer than any delivery lasts (bookings reach 30 days ahead).</summary>
    public static readonly TimeSpan OnceMarkerLifetime = TimeSpan.FromDays(45);

    private static readonly RedisKey Outbox = "webhooks:outbox";
    private static readonly RedisKey Due = "webhooks:due";

    private static readonly LuaScript Add = LuaScript.Prepare("""
        if redis.call('SCARD', @owner) >= tonumber(@max) then return 0 end
        redis.call('SET', @key, @json)
        redis.call('SADD', @owner, @id)
        return 1
        """);

    // KEYS: once marker, outbox, due; ARGV: marker lifetime (s), due (ms), then key/json pairs.
    private const string EnqueueOnce = """
        if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
        for i = 3, #ARGV, 2 do
          redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
          redis.call('ZADD', KEYS[3], ARGV[2], ARGV[i])
        end
        return 1
        """;

    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local keys = redis.call('ZRANGEBYSCORE', @due, '-inf', @now, 'LIMIT', 0, tonumber(@max))
        local claimed = {}
        for _, key in ipairs(keys) do
          local json = redis.call('HGET', @outbox, key)
          if json then
            redis.call('ZADD', @due, @leaseUntil, key)
            table.insert(claimed, json)
          else
            redis.call('ZREM', @due, key)
          end
        end
        return claimed
        """);

    public static RedisKey Key(string id) => $"webhook:{id}";

    private static RedisKey OwnerKey(string ownerId) => $"webhooks:owner:{ownerId}";

    private static RedisKey AttemptsKey(string id) => $"webhook:{id}:attempts";

    public async Task<bool> AddAsync(WebhookSubscription subscription, int maxPerOwner, CancellationToken cancellationToken)
    {
        var added = await redis.GetDatabase().ScriptEvaluateAsync(Add, new
        {
            owner = OwnerKey(subscription.OwnerId),
            key = Key(subscription.Id),
            id = subscription.Id,
            json = Serialize(subscription),
            max = maxPerOwner,
        });
        return (int)added == 1;
    }

    public async Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken) =>
        Deserialize<WebhookSubscription>(await redis.GetDatabase().StringGetAsync(Key(id)));

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(string ownerId, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var ids = await database.SetMembersAsync(OwnerKey(ownerId));
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await database.StringGetAsync([.. ids.Select(id => Key((string)id!))]);
        return [.. values.Select(Deserialize<WebhookSubscription>).OfType<WebhookSubscription>().OrderBy(webhook => webhook.CreatedAt)];
    }

    public Task DeleteAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.KeyDeleteAsync([Key(subscription.Id), AttemptsKey(subscription.Id)]);
        _ = transaction.SetRemoveAsync(OwnerKey(subscription.OwnerId), subscription.Id);
        return transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(string id, CancellationToken cancellationToken)
    {
        var values = await redis.GetDatabase().ListRangeAsync(AttemptsKey(id));
        return [.. values.Select(Deserialize<WebhookAttempt>).OfType<WebhookAttempt>()];
    }

    public async Task<bool> EnqueueOnceAsync(string onceKey, IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var values = new List<RedisValue> { (long)OnceMarkerLifetime.TotalSeconds, now.ToUnixTimeMilliseconds() };
        foreach (var message in messages)
        {
            values.Add(message.Key);
            values.Add(Serialize(message));
        }

        var enqueued = await redis.GetDatabase().ScriptEvaluateAsync(EnqueueOnce, [$"webhooks:once:{onceKey}", Outbox, Due], [.. values]);
        return (int)enqueued == 1;
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        var claimed = await redis.GetDatabase().ScriptEvaluateAsync(Claim, new
        {
            due = Due,
            outbox = Outbox,
            now = now.ToUnixTimeMilliseconds(),
            leaseUntil = leaseUntil.ToUnixTimeMilliseconds(),
            max,
        });
        return [.. ((RedisValue[])claimed!).Select(Deserialize<OutboxMessage>).OfType<OutboxMessage>()];
    }

    public Task CompleteAsync(OutboxMessage message, WebhookAttempt? attempt, CancellationToken cancellationToken)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.HashDeleteAsync(Outbox, message.Key);
        _ = transaction.SortedSetRemoveAsync(Due, message.Key);
        if (attempt is not null)
        {
            Record(transaction, message.WebhookId, attempt);
        }

        return transaction.ExecuteAsync();
    }

    public Task RetryAsync(OutboxMessage message, WebhookAttempt attempt, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.HashSetAsync(Outbox, message.Key, Serialize(message with { Attempts = attempt.Attempt }));
        _ = transaction.SortedSetAddAsync(Due, message.Key, dueAt.ToUnixTimeMilliseconds());
        Record(transaction, message.WebhookId, attempt);
        return transaction.ExecuteAsync();
    }

    public Task ReleaseAsync(OutboxMessage message, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        redis.GetDatabase().SortedSetAddAsync(Due, message.Key, dueAt.ToUnixTimeMilliseconds());

    public Task<long> CountPendingAsync(CancellationToken cancellationToken) => redis.GetDatabase().HashLengthAsync(Outbox);

    private static void Record(ITransaction transaction, string webhookId, WebhookAttempt attempt)
    {
        _ = transaction.ListLeftPushAsync(AttemptsKey(webhookId), Serialize(attempt));
        _ = transaction.ListTrimAsync(AttemptsKey(webhookId), 0, MaxAttemptsKept - 1);
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, ContractJson.Options);

    private static T? Deserialize<T>(RedisValue value)
        where T : class =>
        value.IsNull ? null : JsonSerializer.Deserialize<T>((string)value!, ContractJson.Options);
}
