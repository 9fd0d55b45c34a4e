namespace DroneDelivery.Platform.Messaging;

/// <summary>Names shared by the sender (ingestion), the trigger (workflow) and the deployment.</summary>
public static class QueueNames
{
    public const string DeliveryRequests = "deliveryrequests";

    /// <summary>Prefix of the settings that hold the Service Bus connection (the trigger's <c>Connection</c>).</summary>
    public const string ConnectionSetting = "ServiceBusConnection";

    /// <summary>Application property carrying the <see cref="Contracts.Model.DeliveryOperation"/>.</summary>
    public const string OperationProperty = "operation";
}
