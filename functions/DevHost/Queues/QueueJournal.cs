using DroneDelivery.DevHost.Stores;
using LiteDB;

namespace DroneDelivery.DevHost.Queues;

/// <summary>
/// The in-process queue's unsettled messages and dead letters on disk (a LiteDB file under <c>Embedded:DataDirectory</c>),
/// so that a local host started again on the same data directory delivers what was sent and not yet completed —
/// also after it was killed — as Service Bus keeps a queue's messages whatever becomes of its consumers. A message is
/// written when it is sent, its delivery count when it is abandoned, and it is removed when it is completed or moved to
/// the dead letters. (The duplicate-detection window is not kept: it starts empty after a restart.)
/// </summary>
public sealed class QueueJournal
{
    private readonly ILiteCollection<JournalMessage> _messages;
    private readonly ILiteCollection<JournalDeadLetter> _deadLetters;
    private readonly Lock _writes;

    /// <summary>The journal in <paramref name="database"/>: two collections, written under its write lock.</summary>
    public QueueJournal(EmbeddedDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _messages = database.Collection<JournalMessage>("messages");
        _deadLetters = database.Collection<JournalDeadLetter>("deadletters");
        _writes = database.Writes;
    }

    /// <summary>Records a message that was sent; returns its journal id.</summary>
    public long Add(string queue, LocalMessage message)
    {
        var document = new JournalMessage
        {
            Queue = queue,
            MessageId = message.Message.MessageId,
            Body = message.Message.Body.ToArray(),
            Properties = new Dictionary<string, string>(message.Message.Properties),
            DeliveryCount = message.DeliveryCount,
            EnqueuedAt = message.EnqueuedAt.UtcDateTime,
        };
        lock (_writes)
        {
            return _messages.Insert(document).AsInt64;
        }
    }

    /// <summary>The message was completed: forget it.</summary>
    public void Settle(long id)
    {
        lock (_writes)
        {
            _messages.Delete(id);
        }
    }

    /// <summary>The message goes back for delivery number <paramref name="deliveryCount"/>.</summary>
    public void Redeliver(long id, int deliveryCount)
    {
        lock (_writes)
        {
            var document = _messages.FindById(id);
            if (document is not null)
            {
                document.DeliveryCount = deliveryCount;
                _messages.Update(document);
            }
        }
    }

    /// <summary>The message used up its deliveries: it becomes a dead letter.</summary>
    public void DeadLetter(long id, DeadLetter letter)
    {
        var deadLetter = new JournalDeadLetter
        {
            Id = $"{letter.Queue}\n{letter.MessageId}",
            Queue = letter.Queue,
            MessageId = letter.MessageId,
            Reason = letter.Reason,
            DeliveryCount = letter.DeliveryCount,
            DeadLetteredAt = letter.DeadLetteredAt.UtcDateTime,
            Body = letter.Body,
            Properties = new Dictionary<string, string>(letter.Properties),
        };
        lock (_writes)
        {
            _messages.Delete(id);
            _deadLetters.Upsert(deadLetter);
        }
    }

    /// <summary>A dead letter was replayed (it is sent again as a new message).</summary>
    public void ForgetDeadLetter(string queue, string messageId)
    {
        lock (_writes)
        {
            _deadLetters.Delete($"{queue}\n{messageId}");
        }
    }

    /// <summary>The messages not yet completed, by queue, oldest first.</summary>
    public IEnumerable<(string Queue, long Id, LocalMessage Message)> Unsettled() =>
        _messages.FindAll().OrderBy(document => document.Id).Select(document => (
            document.Queue,
            document.Id,
            new LocalMessage(new Platform.Messaging.QueueMessage(document.MessageId, document.Body, document.Properties), document.DeliveryCount)
            {
                EnqueuedAt = new DateTimeOffset(DateTime.SpecifyKind(document.EnqueuedAt, DateTimeKind.Utc)),
                JournalId = document.Id,
            }));

    public IEnumerable<DeadLetter> DeadLetters() =>
        _deadLetters.FindAll().Select(document => new DeadLetter(
            document.Queue, document.MessageId, document.Reason, document.DeliveryCount,
            new DateTimeOffset(DateTime.SpecifyKind(document.DeadLetteredAt, DateTimeKind.Utc)), document.Body, document.Properties));

    internal sealed class JournalMessage
    {
        public long Id { get; set; }

        public string Queue { get; set; } = "";

        public string MessageId { get; set; } = "";

        public byte[] Body { get; set; } = [];

        public Dictionary<string, string> Properties { get; set; } = [];

        public int DeliveryCount { get; set; }

        public DateTime EnqueuedAt { get; set; }
    }

    internal sealed class JournalDeadLetter
    {
        public string Id { get; set; } = "";

        public string Queue { get; set; } = "";

        public string MessageId { get; set; } = "";

        public string Reason { get; set; } = "";

        public int DeliveryCount { get; set; }

        public DateTime DeadLetteredAt { get; set; }

        public string Body { get; set; } = "";

        public Dictionary<string, string> Properties { get; set; } = [];
    }
}
