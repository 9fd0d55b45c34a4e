using System.Globalization;
using Azure.Messaging.ServiceBus;

namespace DroneDelivery.Platform.Messaging;

/// <summary>
/// The dead-letter sub-queue of <c>deliveryrequests</c> on Service Bus. Ids are sequence numbers. Listing and reading
/// peek (nothing is locked or changed); a replay first peeks for the one asked for, then receives dead letters under a
/// peek-lock until it has it (the others go back once it is done), sends a copy to the queue with a new message id (the original id would be
/// dropped by duplicate detection within its window), then completes the dead letter: a failure in between leaves it
/// there to be replayed again, and the saga takes a repeated request once.
/// </summary>
public sealed class ServiceBusDeadLetters(ServiceBusClient client) : IDeadLetters, IAsyncDisposable
{
    /// <summary>The application property a replayed copy carries: the sequence number of the dead letter it replays.</summary>
    public const string ReplayOfProperty = "replayOf";

    private const int ReceiveBatch = 50;
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(2);

    private readonly ServiceBusReceiver _receiver = client.CreateReceiver(QueueNames.DeliveryRequests,
        new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = ServiceBusReceiveMode.PeekLock });

    private readonly ServiceBusSender _sender = client.CreateSender(QueueNames.DeliveryRequests);

    public async Task<IReadOnlyList<DeadLetteredMessage>> ListAsync(int top, CancellationToken cancellationToken)
    {
        var messages = await _receiver.PeekMessagesAsync(top, fromSequenceNumber: 0, cancellationToken);
        return [.. messages.Select(Read)];
    }

    public async Task<DeadLetteredMessage?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var sequenceNumber))
        {
            return null;
        }

        var message = await _receiver.PeekMessageAsync(sequenceNumber, cancellationToken);
        return message?.SequenceNumber == sequenceNumber ? Read(message) : null;
    }

    public async Task<DeadLetteredMessage?> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is null)
        {
            return null;
        }

        var sequenceNumber = long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);
        // The others stay locked until the end: abandoned at once, they would be received again by the next batch.
        var others = new List<ServiceBusReceivedMessage>();
        try
        {
            while (true)
            {
                var batch = await _receiver.ReceiveMessagesAsync(ReceiveBatch, ReceiveWait, cancellationToken);
                // An empty batch, or one holding only letters already seen (their locks ran out), means it is not there.
                if (batch.All(message => others.Exists(other => other.SequenceNumber == message.SequenceNumber)))
                {
                    return null;
                }

                var wanted = batch.FirstOrDefault(message => message.SequenceNumber == sequenceNumber);
                others.AddRange(batch.Where(message => message != wanted));
                if (wanted is not null)
                {
                    await _sender.SendMessageAsync(Copy(wanted), cancellationToken);
                    await _receiver.CompleteMessageAsync(wanted, cancellationToken);
                    return Read(wanted);
                }
            }
        }
        finally
        {
            foreach (var other in others)
            {
                await _receiver.AbandonMessageAsync(other, cancellationToken: CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _sender.DisposeAsync();
    }

    private static ServiceBusMessage Copy(ServiceBusReceivedMessage letter)
    {
        var copy = new ServiceBusMessage(letter.Body)
        {
            MessageId = DeliveryMessages.ReplayMessageId(letter.MessageId, letter.SequenceNumber.ToString(CultureInfo.InvariantCulture)),
            ContentType = letter.ContentType,
        };
        foreach (var (key, value) in letter.ApplicationProperties)
        {
            if (key is not ("DeadLetterReason" or "DeadLetterErrorDescription"))
            {
                copy.ApplicationProperties[key] = value;
            }
        }

        copy.ApplicationProperties[ReplayOfProperty] = letter.SequenceNumber.ToString(CultureInfo.InvariantCulture);
        return copy;
    }

    private static DeadLetteredMessage Read(ServiceBusReceivedMessage message) => new(
        message.SequenceNumber.ToString(CultureInfo.InvariantCulture),
        message.MessageId,
        message.DeadLetterReason,
        message.DeadLetterErrorDescription,
        message.DeliveryCount,
        message.EnqueuedTime,
        message.Body.ToString(),
        message.ApplicationProperties.ToDictionary(property => property.Key, property => Convert.ToString(property.Value, CultureInfo.InvariantCulture) ?? string.Empty));
}
