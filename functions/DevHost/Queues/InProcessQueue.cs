using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DevHost.Queues;

/// <summary>
/// The local stand-in for Service Bus, with the semantics the code relies on: at-least-once
/// delivery (a failed handler abandons the message and it comes back), a delivery count, dead-
/// lettering with a reason after the max delivery count, duplicate detection on message id, and
/// dead letters that can be inspected and replayed (resubmitted as a new delivery of the message).
/// With a <see cref="QueueJournal"/> (a data directory) the messages not yet completed and the dead letters are kept
/// on disk and come back when the host starts again.
/// </summary>
public sealed class InProcessQueue : IQueueSender
{
    private readonly IOptions<LocalQueueOptions> options;
    private readonly TimeProvider clock;
    private readonly QueueJournal? _journal;
    private readonly ConcurrentDictionary<string, Channel<LocalMessage>> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recentIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Queue, string MessageId), DeadLetter> _deadLetters = new();
    private long _sent;
    private long _duplicates;
    private long _completed;
    private long _inFlight;
    private long _replayed;
    private long _rememberedIds;
    private long _nextSweepTicks;

    public InProcessQueue(IOptions<LocalQueueOptions> options, TimeProvider clock, QueueJournal? journal = null)
    {
        this.options = options;
        this.clock = clock;
        _journal = journal;
        if (journal is null)
        {
            return;
        }

        foreach (var letter in journal.DeadLetters())
        {
            _deadLetters[(letter.Queue, letter.MessageId)] = letter;
        }

        foreach (var (queue, _, message) in journal.Unsettled())
        {
            Queue(queue).Writer.TryWrite(message);
            Recovered++;
        }
    }

    /// <summary>Messages taken back from the journal when the host started (sent before a restart, never completed).</summary>
    public long Recovered { get; }

    public LocalQueueOptions Options => options.Value;

    public long Sent => Interlocked.Read(ref _sent);

    public long DuplicatesDropped => Interlocked.Read(ref _duplicates);

    public long Completed => Interlocked.Read(ref _completed);

    public long Pending => _queues.Values.Sum(channel => channel.Reader.Count) + Interlocked.Read(ref _inFlight);

    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Message ids held for duplicate detection.</summary>
    public long RememberedIds => Interlocked.Read(ref _rememberedIds);

    /// <summary>Every queue's dead letters, oldest first.</summary>
    public IReadOnlyCollection<DeadLetter> DeadLetters => [.. _deadLetters.Values.OrderBy(letter => letter.DeadLetteredAt)];

    public IReadOnlyCollection<DeadLetter> DeadLettersOf(string queue) =>
        [.. DeadLetters.Where(letter => string.Equals(letter.Queue, queue, StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// Takes a message out of the dead-letter queue and delivers it again (delivery count 1). Like a
    /// resubmission from the broker's dead-letter queue it bypasses duplicate detection: it is the
    /// same message on purpose. False when there is no such dead letter.
    /// </summary>
    public async Task<bool> ReplayAsync(string queue, string messageId, CancellationToken cancellationToken)
    {
        var key = _deadLetters.Keys.FirstOrDefault(k => string.Equals(k.Queue, queue, StringComparison.OrdinalIgnoreCase) && k.MessageId == messageId);
        if (key == default || !_deadLetters.TryRemove(key, out var letter))
        {
            return false;
        }

        Interlocked.Increment(ref _replayed);
        var message = new LocalMessage(new QueueMessage(letter.MessageId, Encoding.UTF8.GetBytes(letter.Body), letter.Properties), 1) { EnqueuedAt = clock.GetUtcNow() };
        _journal?.ForgetDeadLetter(letter.Queue, letter.MessageId);
        await Queue(letter.Queue).Writer.WriteAsync(Journaled(letter.Queue, message), cancellationToken);
        return true;
    }

    public Task SendAsync(QueueMessage message, CancellationToken cancellationToken) =>
        SendAsync(QueueNames.DeliveryRequests, message, cancellationToken);

    public async Task SendAsync(string queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_recentIds.TryGetValue(message.MessageId, out var seen) && now - seen < options.Value.DuplicateDetectionWindow)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        if (_recentIds.TryAdd(message.MessageId, now))
        {
            Interlocked.Increment(ref _rememberedIds);
        }
        else
        {
            _recentIds[message.MessageId] = now;
        }

        Interlocked.Increment(ref _sent);
        await Queue(queue).Writer.WriteAsync(Journaled(queue, new LocalMessage(message, 1) { EnqueuedAt = now }), cancellationToken);
        ForgetOldIds(now);
    }

    public ChannelReader<LocalMessage> Subscribe(string queue) => Queue(queue).Reader;

    internal void MarkReceived() => Interlocked.Increment(ref _inFlight);

    internal void Complete(LocalMessage message)
    {
        if (_journal is not null)
        {
            _journal.Settle(message.JournalId);
        }

        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _completed);
    }

    /// <summary>
    /// Puts the message back for another delivery, or dead-letters it when it has used up its
    /// deliveries. While the host stops (<paramref name="handBackNow"/>) it goes back at once,
    /// without the redelivery delay, so nothing is lost with the consumer.
    /// </summary>
    internal async Task AbandonAsync(string queue, LocalMessage message, string reason, bool handBackNow = false)
    {
        if (message.DeliveryCount >= options.Value.MaxDeliveryCount)
        {
            var letter = new DeadLetter(
                queue, message.Message.MessageId, reason, message.DeliveryCount, clock.GetUtcNow(),
                Encoding.UTF8.GetString(message.Message.Body.Span), message.Message.Properties);
            _journal?.DeadLetter(message.JournalId, letter);
            _deadLetters[(queue, message.Message.MessageId)] = letter;
            Interlocked.Decrement(ref _inFlight);
            DroneDeliveryTelemetry.MessagesDeadLettered.Add(1, new KeyValuePair<string, object?>("queue", queue));
            return;
        }

        if (!handBackNow)
        {
            await Task.Delay(options.Value.RedeliveryDelay, clock);
        }

        // Unbounded: the write cannot wait or fail, so the message is never between places when it is counted.
        _journal?.Redeliver(message.JournalId, message.DeliveryCount + 1);
        Queue(queue).Writer.TryWrite(message with { DeliveryCount = message.DeliveryCount + 1 });
        Interlocked.Decrement(ref _inFlight);
    }

    /// <summary>The message with its journal id, once it is on disk (the message itself when there is no journal).</summary>
    private LocalMessage Journaled(string queue, LocalMessage message) =>
        _journal is null ? message : message with { JournalId = _journal.Add(queue, message) };

    private Channel<LocalMessage> Queue(string name) =>
        _queues.GetOrAdd(name, _ => Channel.CreateUnbounded<LocalMessage>(new UnboundedChannelOptions { SingleReader = false }));

    /// <summary>
    /// Forgets ids older than the duplicate detection window, at most ten times per window: the
    /// ids a host remembers stay proportional to the traffic of one window, however long it runs.
    /// They are counted with a field, not <c>ConcurrentDictionary.Count</c>: that takes every lock
    /// of the dictionary, and on every send it made concurrent senders queue behind each other
    /// (most of the local host's CPU under ingestion load went to that lock).
    /// </summary>
    private void ForgetOldIds(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        var window = options.Value.DuplicateDetectionWindow;
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + (window / 10)).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (id, seen) in _recentIds)
        {
            if (now - seen >= window && _recentIds.TryRemove(KeyValuePair.Create(id, seen)))
            {
                Interlocked.Decrement(ref _rememberedIds);
            }
        }
    }
}

/// <summary>A message on the in-process queue with the number of times it has been delivered.</summary>
public sealed record LocalMessage(QueueMessage Message, int DeliveryCount)
{
    /// <summary>When it was first sent (a redelivery keeps it, as Service Bus's <c>EnqueuedTimeUtc</c> does).</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Its id in the <see cref="QueueJournal"/> (0 without one).</summary>
    public long JournalId { get; init; }
}
