using System.Diagnostics;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Telemetry;

namespace DroneDelivery.Platform.Messaging;

/// <summary>
/// How delivery operations travel on the queue: the payload as JSON body, the operation as an
/// application property. Message ids make the broker's duplicate detection work: a create is
/// keyed by the delivery id, a change by the delivery and the client's request id.
/// </summary>
public static class DeliveryMessages
{
    public static QueueMessage Create(DeliveryRequest request) =>
        Message(request.DeliveryId, DeliveryOperation.Create, request);

    public static QueueMessage Cancel(CancelRequest cancel) =>
        Message(ChangeMessageId(cancel.DeliveryId, "cancel", cancel.RequestId), DeliveryOperation.Cancel, cancel);

    public static QueueMessage Reschedule(RescheduleRequest reschedule) =>
        Message(ChangeMessageId(reschedule.DeliveryId, "reschedule", reschedule.RequestId), DeliveryOperation.Reschedule, reschedule);

    /// <summary>
    /// <c>{deliveryId}:{operation}:{requestId}</c>, hashed to fit when a long delivery id and request
    /// id (up to 128 characters each) would take it past Service Bus's 128-character message id.
    /// </summary>
    public static string ChangeMessageId(string deliveryId, string operation, string requestId) =>
        BoundedText.Id($"{deliveryId}:{operation}:{requestId}", operation);

    /// <summary>
    /// The message id of a dead letter's replayed copy: <c>{messageId}:replay:{deadLetterId}</c>, hashed to fit like
    /// <see cref="ChangeMessageId"/>. A new id, so duplicate detection does not drop the replay; one per dead letter.
    /// </summary>
    public static string ReplayMessageId(string messageId, string deadLetterId) =>
        BoundedText.Id($"{messageId}:replay:{deadLetterId}", "replay");

    /// <summary>
    /// Reads the operation property by name (numbers are not operations); a message without one is
    /// a create (the reference's messages carry none); an unknown one is null.
    /// </summary>
    public static DeliveryOperation? ReadOperation(IReadOnlyDictionary<string, string> properties) =>
        !properties.TryGetValue(QueueNames.OperationProperty, out var value) ? DeliveryOperation.Create
        : EnumNames.TryParse<DeliveryOperation>(value, out var operation) ? operation
        : null;

    public static T? Read<T>(string body) => JsonSerializer.Deserialize<T>(body, ContractJson.Options);

    private static QueueMessage Message<T>(string messageId, DeliveryOperation operation, T payload)
    {
        var properties = new Dictionary<string, string> { [QueueNames.OperationProperty] = operation.ToString() };
        TraceContextProperties.Inject(Activity.Current, properties);
        return new QueueMessage(messageId, JsonSerializer.SerializeToUtf8Bytes(payload, ContractJson.Options), properties);
    }
}
