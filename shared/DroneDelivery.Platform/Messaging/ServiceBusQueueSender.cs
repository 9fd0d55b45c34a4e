using Azure.Messaging.ServiceBus;

namespace DroneDelivery.Platform.Messaging;

/// <summary>Sends to the delivery queue on Azure Service Bus.</summary>
public sealed class ServiceBusQueueSender(ServiceBusSender sender) : IQueueSender
{
    public Task SendAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var busMessage = new ServiceBusMessage(message.Body)
        {
            MessageId = message.MessageId,
            ContentType = "application/json",
        };
        foreach (var (key, value) in message.Properties)
        {
            busMessage.ApplicationProperties[key] = value;
        }

        return sender.SendMessageAsync(busMessage, cancellationToken);
    }
}
