using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>
/// The webhook store against each Redis-speaking server: events raised once, claims that never hand
/// one message to two senders, leases that bring back what a stopped sender held. Each test starts on an
/// empty server (the class's tests share it and its one outbox), so one failing test does not fail the next.
/// </summary>
public abstract class RedisWebhookStoreTests(RedisFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private RedisWebhookStore Store()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? string.Empty);
        var database = fixture.Connection!.GetDatabase();
        database.KeyDelete([.. fixture.Connection.GetServers()[0].Keys(database.Database)]);
        return new RedisWebhookStore(fixture.Connection);
    }

    private static OutboxMessage Message(string messageId, string webhookId = "wh_1") =>
        new(webhookId, messageId, WebhookEventTypes.Assigned, "delivery-1", $$"""{"id":"{{messageId}}"}""", T0);

    [Fact]
    public async Task EnqueueOnce_SameEventTwice_QueuesItsMessagesOnce()
    {
        var store = Store();
        var once = $"delivery-{Guid.NewGuid():N}:delivery.assigned";

        Assert.True(await store.EnqueueOnceAsync(once, [Message("msg_a", "wh_1"), Message("msg_a", "wh_2")], T0, Cancellation));
        Assert.False(await store.EnqueueOnceAsync(once, [Message("msg_b", "wh_1")], T0, Cancellation));

        Assert.Equal(2, await store.CountPendingAsync(Cancellation));
        var claimed = await store.ClaimDueAsync(T0, T0.AddSeconds(30), 10, Cancellation);
        Assert.Equal(["msg_a:wh_1", "msg_a:wh_2"], claimed.Select(message => message.Key).Order(StringComparer.Ordinal));
        await CompleteAllAsync(store, claimed);
    }

    [Fact]
    public async Task Claim_LeasedMessage_IsNobodyElsesUntilTheLeaseEnds_ThenComesDueAgain()
    {
        var store = Store();
        await store.EnqueueOnceAsync(Guid.NewGuid().ToString("N"), [Message("msg_lease")], T0, Cancellation);

        var first = await store.ClaimDueAsync(T0, T0.AddSeconds(40), 10, Cancellation);
        var meanwhile = await store.ClaimDueAsync(T0.AddSeconds(39), T0.AddSeconds(79), 10, Cancellation);
        var afterLease = await store.ClaimDueAsync(T0.AddSeconds(40), T0.AddSeconds(80), 10, Cancellation);

        Assert.Equal("msg_lease", Assert.Single(first).MessageId);
        Assert.Empty(meanwhile);
        Assert.Equal(first, afterLease);
        await CompleteAllAsync(store, afterLease);
    }

    [Fact]
    public async Task Claim_ManySendersAtOnce_NeverTakeTheSameMessage()
    {
        var store = Store();
        var messages = Enumerable.Range(0, 200).Select(n => Message($"msg_{n}")).ToList();
        await store.EnqueueOnceAsync(Guid.NewGuid().ToString("N"), messages, T0, Cancellation);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var mine = new List<OutboxMessage>();
            while (await store.ClaimDueAsync(T0, T0.AddMinutes(5), 7, Cancellation) is { Count: > 0 } claimed)
            {
                mine.AddRange(claimed);
            }

            return mine;
        }));

        var all = claims.SelectMany(claimed => claimed).Select(message => message.MessageId).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(messages.Select(message => message.MessageId).Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        await CompleteAllAsync(store, [.. claims.SelectMany(claimed => claimed)]);
    }

    [Fact]
    public async Task Retry_RecordsTheAttempt_AndTheMessageComesDueAtTheGivenTimeWithItsCount()
    {
        var store = Store();
        var webhook = Subscription("owner-retry");
        await store.AddAsync(webhook, 10, Cancellation);
        await store.EnqueueOnceAsync(Guid.NewGuid().ToString("N"), [Message("msg_retry", webhook.Id)], T0, Cancellation);
        var claimed = Assert.Single(await store.ClaimDueAsync(T0, T0.AddSeconds(40), 10, Cancellation));

        var failed = new WebhookAttempt("msg_retry", WebhookEventTypes.Assigned, "delivery-1", 1, T0, 500, null, 3.5, WebhookAttemptOutcome.WillRetry, T0.AddSeconds(5));
        await store.RetryAsync(claimed, failed, T0.AddSeconds(5), Cancellation);

        Assert.Empty(await store.ClaimDueAsync(T0.AddSeconds(4), T0.AddSeconds(44), 10, Cancellation));
        var again = Assert.Single(await store.ClaimDueAsync(T0.AddSeconds(5), T0.AddSeconds(45), 10, Cancellation));
        Assert.Equal(claimed with { Attempts = 1 }, again);
        var delivered = failed with { Attempt = 2, StatusCode = 204, Outcome = WebhookAttemptOutcome.Delivered, NextAttemptAt = null };
        await store.CompleteAsync(again, delivered, Cancellation);
        Assert.Equal([delivered, failed], await store.ListAttemptsAsync(webhook.Id, Cancellation));
        Assert.Equal(0, await store.CountPendingAsync(Cancellation));
    }

    [Fact]
    public async Task Subscriptions_AreListedPerOwner_CappedPerOwner_AndDeletedWithTheirAttempts()
    {
        var store = Store();
        var owner = $"owner-{Guid.NewGuid():N}";
        var first = Subscription(owner);
        var second = Subscription(owner) with { CreatedAt = T0.AddMinutes(1) };

        Assert.True(await store.AddAsync(first, 2, Cancellation));
        Assert.True(await store.AddAsync(second, 2, Cancellation));
        Assert.False(await store.AddAsync(Subscription(owner), 2, Cancellation));
        Assert.Equal([first.Id, second.Id], (await store.ListAsync(owner, Cancellation)).Select(webhook => webhook.Id));

        await store.DeleteAsync(first, Cancellation);
        Assert.Equal([second.Id], (await store.ListAsync(owner, Cancellation)).Select(webhook => webhook.Id));
        Assert.Null(await store.GetAsync(first.Id, Cancellation));
        Assert.Empty(await store.ListAttemptsAsync(first.Id, Cancellation));
    }

    private static WebhookSubscription Subscription(string owner) =>
        new($"wh_{Guid.NewGuid():N}", owner, "https://hooks.example.com/a", WebhookEventTypes.All, "whsec_c2VjcmV0", T0);

    private static async Task CompleteAllAsync(RedisWebhookStore store, IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            await store.CompleteAsync(message, attempt: null, Cancellation);
        }

        Assert.Equal(0, await store.CountPendingAsync(Cancellation));
    }
}

public sealed class RedisWebhookStoreOnGarnetTests(GarnetFixture fixture)
    : RedisWebhookStoreTests(fixture), IClassFixture<GarnetFixture>;

public sealed class RedisWebhookStoreOnRedisServerTests(RedisServerFixture fixture)
    : RedisWebhookStoreTests(fixture), IClassFixture<RedisServerFixture>;
