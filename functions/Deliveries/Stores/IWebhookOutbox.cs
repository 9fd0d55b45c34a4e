using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>
/// The messages waiting to be sent to receivers, each with the time it is next due. Shared by every
/// replica of the delivery service: a message is handed to one sender at a time for a lease, and
/// comes due again when that sender neither settles nor renews it (it stopped mid-send) — so a
/// message is sent at least once and never lost.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// Queues <paramref name="messages"/>, due at once, unless <paramref name="onceKey"/> was used
    /// before (an event is raised once per delivery, however often its cause is recorded). Both in
    /// one step: a stop in between cannot lose the messages or raise the event twice.
    /// </summary>
    Task<bool> EnqueueOnceAsync(string onceKey, IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes up to <paramref name="max"/> due messages, each leased to the caller until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>Removes a message that was delivered, given up, or whose subscription is gone, recording the attempt (when one was made).</summary>
    Task CompleteAsync(OutboxMessage message, WebhookAttempt? attempt, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt and makes the message due again at <paramref name="dueAt"/>.</summary>
    Task RetryAsync(OutboxMessage message, WebhookAttempt attempt, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>Hands a claimed message back unsent (the sender is stopping): due again at <paramref name="dueAt"/>.</summary>
    Task ReleaseAsync(OutboxMessage message, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>Messages not yet delivered or given up (the dispatcher says how many at start).</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One event for one subscription: the signed body is the same on every attempt, and so is
/// <see cref="MessageId"/> (the <c>webhook-id</c> header, the CloudEvent's <c>id</c>), so a receiver
/// can tell a retry from a new event. <see cref="Attempts"/> counts the attempts made so far.
/// </summary>
public sealed record OutboxMessage(
    string WebhookId, string MessageId, string EventType, string DeliveryId, string Body, DateTimeOffset CreatedAt, int Attempts = 0)
{
    public string Key => $"{MessageId}:{WebhookId}";
}
