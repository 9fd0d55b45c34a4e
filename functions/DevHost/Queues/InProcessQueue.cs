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
/// lettering with a reason after the max delivery count, and duplicate detection on message id.
/// </summary>
public sealed class InProcessQueue(IOptions<LocalQueueOptions> options, TimeProvider clock) : IQueueSender
{
    private readonly ConcurrentDictionary<string, Channel<LocalMessage>> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recentIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DeadLetter> _deadLetters = new();
    private long _sent;
    private long _duplicates;
    private long _completed;
    private long _inFlight;

    public LocalQueueOptions Options => options.Value;

    public long Sent => Interlocked.Read(ref _sent);

    public long DuplicatesDropped => Interlocked.Read(ref _duplicates);

    public long Completed => Interlocked.Read(ref _completed);

    public long Pending => _queues.Values.Sum(channel => channel.Reader.Count) + Interlocked.Read(ref _inFlight);

    public IReadOnlyCollection<DeadLetter> DeadLetters => _deadLetters;

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

        _recentIds[message.MessageId] = now;
        Interlocked.Increment(ref _sent);
        await Queue(queue).Writer.WriteAsync(new LocalMessage(message, 1) { EnqueuedAt = now }, cancellationToken);
        ForgetOldIds(now);
    }

    public ChannelReader<LocalMessage> Subscribe(string queue) => Queue(queue).Reader;

    internal void MarkReceived() => Interlocked.Increment(ref _inFlight);

    internal void Complete()
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _completed);
    }

    /// <summary>Puts the message back for another delivery, or dead-letters it when it has used up its deliveries.</summary>
    internal async Task AbandonAsync(string queue, LocalMessage message, string reason, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _inFlight);
        if (message.DeliveryCount >= options.Value.MaxDeliveryCount)
        {
            _deadLetters.Enqueue(new DeadLetter(
                queue, message.Message.MessageId, reason, message.DeliveryCount, clock.GetUtcNow(), Encoding.UTF8.GetString(message.Message.Body.Span)));
            DroneDeliveryTelemetry.MessagesDeadLettered.Add(1, new KeyValuePair<string, object?>("queue", queue));
            return;
        }

        await Task.Delay(options.Value.RedeliveryDelay, clock, cancellationToken);
        await Queue(queue).Writer.WriteAsync(message with { DeliveryCount = message.DeliveryCount + 1 }, cancellationToken);
    }

    private Channel<LocalMessage> Queue(string name) =>
        _queues.GetOrAdd(name, _ => Channel.CreateUnbounded<LocalMessage>(new UnboundedChannelOptions { SingleReader = false }));

    private void ForgetOldIds(DateTimeOffset now)
    {
        if (_recentIds.Count < 100_000)
        {
            return;
        }

        foreach (var (id, seen) in _recentIds)
        {
            if (now - seen >= options.Value.DuplicateDetectionWindow)
            {
                _recentIds.TryRemove(id, out _);
            }
        }
    }
}

/// <summary>A message on the in-process queue with the number of times it has been delivered.</summary>
public sealed record LocalMessage(QueueMessage Message, int DeliveryCount)
{
    /// <summary>When it was first sent (a redelivery keeps it, as Service Bus's <c>EnqueuedTimeUtc</c> does).</summary>
    public DateTimeOffset EnqueuedAt { get; init; }
}
