namespace DroneDelivery.Contracts.Model;

/// <summary>The body of ingestion's 202 answer.</summary>
public sealed record DeliveryAccepted(string DeliveryId);
