using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Messaging;

/// <summary>How delivery operations travel on the queue: the request as JSON body, the operation as an application property.</summary>
public static class DeliveryMessages
{
    public static QueueMessage Create(DeliveryRequest request) =>
        new(request.DeliveryId,
            JsonSerializer.SerializeToUtf8Bytes(request, ContractJson.Options),
            new Dictionary<string, string> { [QueueNames.OperationProperty] = nameof(DeliveryOperation.Create) });

    /// <summary>Reads the operation property; a message without one is a create (the reference's messages carry none).</summary>
    public static DeliveryOperation? ReadOperation(IReadOnlyDictionary<string, string> properties) =>
        !properties.TryGetValue(QueueNames.OperationProperty, out var value) ? DeliveryOperation.Create
        : Enum.TryParse<DeliveryOperation>(value, ignoreCase: true, out var operation) && Enum.IsDefined(operation) ? operation
        : null;

    public static DeliveryRequest? ReadRequest(string body) =>
        JsonSerializer.Deserialize<DeliveryRequest>(body, ContractJson.Options);
}
