using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>Customers' webhook subscriptions and the record of each send attempt, kept by the delivery service.</summary>
public interface IWebhookRepository
{
    /// <summary>Stores a new subscription; false (nothing stored) when its owner already has <paramref name="maxPerOwner"/>.</summary>
    Task<bool> AddAsync(WebhookSubscription subscription, int maxPerOwner, CancellationToken cancellationToken);

    Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The owner's subscriptions, oldest first.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Removes the subscription and its attempts; messages still pending for it are dropped when they come due.</summary>
    Task DeleteAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    /// <summary>The latest attempts, newest first (at most <see cref="RedisWebhookStore.MaxAttemptsKept"/>).</summary>
    Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(string id, CancellationToken cancellationToken);
}
