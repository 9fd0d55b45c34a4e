using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Telemetry;
using DroneDelivery.Workflow.Orchestrations;
using DurableTask.Core.Exceptions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Workflow.Functions;

/// <summary>
/// Service Bus trigger on the delivery queue. A create starts one orchestration per delivery
/// (instance id = deliveryId); a redelivered or duplicate create finds it and does nothing. Two
/// duplicates handled at once can both find none: the start of the one that loses the race fails
/// with <see cref="OrchestrationAlreadyExistsException"/> (host.json's
/// <c>overridableExistingInstanceStates</c> is NonRunningStates: a running instance is never
/// replaced), which is the same "already has one" and completes the message. A
/// cancel or reschedule reaches the running orchestration as an external event; for an unknown
/// or finished delivery it is logged and dropped (ingestion already answered the customer). A
/// message that cannot be read throws, so the host abandons it and the broker dead-letters it,
/// with the exception as reason, after the queue's max delivery count. Its consumer span joins the
/// trace the message carries (<see cref="MessageProcessing"/>), in every host.
/// </summary>
public sealed class ProcessDeliveryMessage(TimeProvider clock, ILogger<ProcessDeliveryMessage> logger)
{
    [Function(nameof(ProcessDeliveryMessage))]
    public async Task Run(
        [ServiceBusTrigger(QueueNames.DeliveryRequests, Connection = QueueNames.ConnectionSetting)] string message,
        [DurableClient] DurableTaskClient durable,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var metadata = TriggerMessageMetadata.From(context);
        using var process = MessageProcessing.Start(QueueNames.DeliveryRequests, metadata);
        DroneDeliveryTelemetry.RecordQueueLag(QueueNames.DeliveryRequests, metadata.EnqueuedTime, clock.GetUtcNow());
        var operation = DeliveryMessages.ReadOperation(metadata.ApplicationProperties)
            ?? throw new InvalidOperationException($"Message {metadata.MessageId} has an unknown operation.");
        switch (operation)
        {
            case DeliveryOperation.Create:
                var request = Read<DeliveryRequest>(message, metadata);
                DeliveryContext.Enter(request.DeliveryId);
                await StartAsync(durable, request, metadata, cancellationToken);
                break;
            case DeliveryOperation.Cancel:
                var cancel = Read<CancelRequest>(message, metadata);
                DeliveryContext.Enter(cancel.DeliveryId);
                await RaiseAsync(durable, cancel.DeliveryId, DeliveryEvents.Cancel, cancel, cancellationToken);
                break;
            case DeliveryOperation.Reschedule:
                var reschedule = Read<RescheduleRequest>(message, metadata);
                DeliveryContext.Enter(reschedule.DeliveryId);
                await RaiseAsync(durable, reschedule.DeliveryId, DeliveryEvents.Reschedule, reschedule, cancellationToken);
                break;
        }
    }

    private static T Read<T>(string message, TriggerMessageMetadata metadata) =>
        DeliveryMessages.Read<T>(message) ?? throw new InvalidOperationException($"Message {metadata.MessageId} has an empty body.");

    private async Task StartAsync(DurableTaskClient durable, DeliveryRequest request, TriggerMessageMetadata metadata, CancellationToken cancellationToken)
    {
        var existing = await durable.GetInstanceAsync(request.DeliveryId, cancellationToken);
        if (existing is not null)
        {
            logger.LogInformation(
                "Delivery {DeliveryId} already has an orchestration ({Status}); message {MessageId} (delivery {DeliveryCount}) ignored",
                request.DeliveryId, existing.RuntimeStatus, metadata.MessageId, metadata.DeliveryCount);
            return;
        }

        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(
                nameof(DeliveryOrchestrator), request, DeliveryOrchestrator.StartOptions(request.DeliveryId), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            logger.LogInformation(
                "Delivery {DeliveryId} was started by a concurrent duplicate; message {MessageId} (delivery {DeliveryCount}) ignored",
                request.DeliveryId, metadata.MessageId, metadata.DeliveryCount);
            return;
        }

        logger.LogInformation("Started orchestration for delivery {DeliveryId}", request.DeliveryId);
    }

    private async Task RaiseAsync(DurableTaskClient durable, string deliveryId, string eventName, object payload, CancellationToken cancellationToken)
    {
        var instance = await durable.GetInstanceAsync(deliveryId, cancellationToken);
        if (instance is null || instance.IsCompleted)
        {
            logger.LogWarning("{Event} for delivery {DeliveryId} dropped: {Reason}",
                eventName, deliveryId, instance is null ? "no such delivery" : $"the delivery has ended ({instance.RuntimeStatus})");
            return;
        }

        await durable.RaiseEventAsync(deliveryId, eventName, payload, cancellationToken);
        logger.LogInformation("{Event} raised for delivery {DeliveryId}", eventName, deliveryId);
    }
}
