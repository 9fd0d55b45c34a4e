namespace DroneDelivery.Contracts.Model;

/// <summary>A validated delivery request, as enqueued by ingestion and orchestrated by the workflow.</summary>
public sealed record DeliveryRequest(
    string DeliveryId,
    string OwnerId,
    Location PickupLocation,
    Location DropOffLocation,
    DateTimeOffset PickupTime,
    DateTimeOffset Deadline,
    bool Expedited,
    ConfirmationType ConfirmationRequired,
    PackageInfo PackageInfo);
