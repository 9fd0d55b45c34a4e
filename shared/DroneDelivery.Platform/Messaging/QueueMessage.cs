namespace DroneDelivery.Platform.Messaging;

/// <summary>A message to put on a queue: the broker deduplicates on <see cref="MessageId"/>.</summary>
public sealed record QueueMessage(string MessageId, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Properties);
