namespace DroneDelivery.Platform.Messaging;

/// <summary>Sends messages to the delivery queue (Service Bus in production, the in-process queue locally).</summary>
public interface IQueueSender
{
    Task SendAsync(QueueMessage message, CancellationToken cancellationToken);
}
