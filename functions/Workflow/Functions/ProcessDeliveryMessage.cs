using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Workflow.Functions;

/// <summary>
/// Service Bus trigger on the delivery queue: starts one orchestration per delivery with
/// instance id = deliveryId. A redelivered or duplicate message finds the instance and does
/// nothing. A message that cannot be read throws, so the host abandons it and the broker
/// dead-letters it after the queue's max delivery count.
/// </summary>
public sealed class ProcessDeliveryMessage(ILogger<ProcessDeliveryMessage> logger)
{
    [Function(nameof(ProcessDeliveryMessage))]
    public async Task Run(
        [ServiceBusTrigger(QueueNames.DeliveryRequests, Connection = QueueNames.ConnectionSetting)] string message,
        [DurableClient] DurableTaskClient durable,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var metadata = TriggerMessageMetadata.From(context);
        var operation = DeliveryMessages.ReadOperation(metadata.ApplicationProperties)
            ?? throw new InvalidOperationException($"Message {metadata.MessageId} has an unknown operation.");
        if (operation != DeliveryOperation.Create)
        {
            throw new NotSupportedException($"Message {metadata.MessageId}: operation {operation} is not handled yet.");
        }

        var request = DeliveryMessages.ReadRequest(message)
            ?? throw new InvalidOperationException($"Message {metadata.MessageId} has an empty body.");

        var existing = await durable.GetInstanceAsync(request.DeliveryId, cancellationToken);
        if (existing is not null)
        {
            logger.LogInformation(
                "Delivery {DeliveryId} already has an orchestration ({Status}); message {MessageId} (delivery {DeliveryCount}) ignored",
                request.DeliveryId, existing.RuntimeStatus, metadata.MessageId, metadata.DeliveryCount);
            return;
        }

        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(DeliveryOrchestrator), request, new StartOrchestrationOptions(request.DeliveryId), cancellationToken);
        logger.LogInformation("Started orchestration for delivery {DeliveryId}", request.DeliveryId);
    }
}
