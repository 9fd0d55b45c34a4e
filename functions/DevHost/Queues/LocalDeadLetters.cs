using DroneDelivery.Platform.Messaging;

namespace DroneDelivery.DevHost.Queues;

/// <summary>The delivery queue's dead letters on the in-process queue, behind the same admin routes as Service Bus's. Ids are message ids.</summary>
public sealed class LocalDeadLetters(InProcessQueue queue) : IDeadLetters
{
    public Task<IReadOnlyList<DeadLetteredMessage>> ListAsync(int top, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetteredMessage>>([.. Letters().Take(top).Select(Read)]);

    public Task<DeadLetteredMessage?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Letters().Where(letter => letter.MessageId == id).Select(Read).FirstOrDefault());

    public async Task<DeadLetteredMessage?> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        var letter = await FindAsync(id, cancellationToken);
        return letter is not null && await queue.ReplayAsync(QueueNames.DeliveryRequests, id, cancellationToken) ? letter : null;
    }

    private IEnumerable<DeadLetter> Letters() => queue.DeadLettersOf(QueueNames.DeliveryRequests).OrderBy(letter => letter.DeadLetteredAt);

    private static DeadLetteredMessage Read(DeadLetter letter) =>
        new(letter.MessageId, letter.MessageId, letter.Reason, null, letter.DeliveryCount, letter.DeadLetteredAt, letter.Body, letter.Properties);
}
