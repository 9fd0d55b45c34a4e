namespace DroneDelivery.Contracts.Model;

/// <summary>The delivery record owned by the delivery service.</summary>
public sealed record Delivery(
    string Id,
    string OwnerId,
    Location Pickup,
    Location Dropoff,
    DateTimeOffset PickupTime,
    DateTimeOffset Deadline,
    bool Expedited,
    ConfirmationType ConfirmationRequired,
    string PackageId,
    string DroneId,
    DeliveryStage Stage,
    string? FailureReason = null);

/// <summary>What a customer sees of a delivery through <c>/api/deliveries/public/{id}</c>.</summary>
public sealed record PublicDelivery(string Id, DeliveryStage Stage, Location Dropoff, DateTimeOffset Deadline);

/// <summary>The answer of <c>/api/deliveries/{id}/owner</c>.</summary>
public sealed record DeliveryOwner(string Id, string OwnerId);

/// <summary>The answer of <c>/api/deliveries/{id}/status</c>.</summary>
public sealed record DeliveryStatus(string DeliveryId, DeliveryStage Stage, Location? LastKnownLocation, string DroneId, DateTimeOffset? Eta);

/// <summary>A partial update of a delivery record (<c>PATCH /api/deliveries/{id}</c>).</summary>
public sealed record DeliveryPatch(DeliveryStage? Stage, DateTimeOffset? PickupTime, DateTimeOffset? Deadline, string? FailureReason);
