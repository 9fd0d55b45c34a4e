namespace DroneDelivery.DevHost.Queues;

/// <summary>A message that will not be delivered again unless replayed, and why; with what it takes to replay it.</summary>
public sealed record DeadLetter(
    string Queue,
    string MessageId,
    string Reason,
    int DeliveryCount,
    DateTimeOffset DeadLetteredAt,
    string Body,
    IReadOnlyDictionary<string, string> Properties);
