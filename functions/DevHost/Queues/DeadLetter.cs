namespace DroneDelivery.DevHost.Queues;

/// <summary>A message that will not be delivered again, and why.</summary>
public sealed record DeadLetter(string Queue, string MessageId, string Reason, int DeliveryCount, DateTimeOffset DeadLetteredAt, string Body);
