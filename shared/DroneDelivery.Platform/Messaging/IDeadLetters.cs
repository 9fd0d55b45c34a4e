namespace DroneDelivery.Platform.Messaging;

/// <summary>
/// The delivery queue's dead letters, for operators: Service Bus's dead-letter sub-queue of <c>deliveryrequests</c> in
/// production, the in-process queue's dead letters locally. <see cref="DeadLetteredMessage.Id"/> is opaque to callers.
/// </summary>
public interface IDeadLetters
{
    /// <summary>The oldest <paramref name="top"/> dead letters.</summary>
    Task<IReadOnlyList<DeadLetteredMessage>> ListAsync(int top, CancellationToken cancellationToken);

    Task<DeadLetteredMessage?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Puts the dead letter back on the queue (a copy with a new message id) and removes it; null when there is none with that id.</summary>
    Task<DeadLetteredMessage?> ReplayAsync(string id, CancellationToken cancellationToken);
}

/// <summary>A dead-lettered message: why it was dead-lettered, how often it had been delivered, and what it carried.</summary>
public sealed record DeadLetteredMessage(
    string Id,
    string MessageId,
    string? Reason,
    string? ErrorDescription,
    int DeliveryCount,
    DateTimeOffset EnqueuedAt,
    string Body,
    IReadOnlyDictionary<string, string> Properties);
