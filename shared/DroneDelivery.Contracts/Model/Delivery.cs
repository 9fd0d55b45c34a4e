namespace DroneDelivery.Contracts.Model;

/// <summary>
/// The delivery record owned by the delivery service. <see cref="CreatedAt"/> is when the delivery
/// service first stored it (it sets it; a value sent is ignored) and orders the owner's list;
/// <see cref="Confirmation"/> is the proof of delivery, recorded with the stage Completed.
/// </summary>
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
    string? DroneId,
    DeliveryStage Stage,
    string? FailureReason = null,
    DateTimeOffset? CreatedAt = null,
    DeliveryConfirmation? Confirmation = null);

/// <summary>
/// What anyone holding a delivery's id sees through <c>/api/deliveries/public/{id}</c>: no owner,
/// places (the drop-off is the recipient's address), package or drone.
/// </summary>
public sealed record PublicDelivery(string Id, DeliveryStage Stage, DateTimeOffset Deadline);

/// <summary>The answer of <c>/api/deliveries/{id}/owner</c>.</summary>
public sealed record DeliveryOwner(string Id, string OwnerId);

/// <summary>
/// The answer of <c>/api/deliveries/{id}/status</c>: stage, the drone's last reported position
/// (and when), and the estimated arrival at the drop-off while the delivery is under way — as a
/// time and as seconds from the moment of the read.
/// </summary>
public sealed record DeliveryStatus(
    string DeliveryId,
    DeliveryStage Stage,
    string? DroneId,
    Location? LastKnownLocation,
    DateTimeOffset? LastReportedAt,
    DateTimeOffset? Eta,
    double? EtaSeconds,
    string? FailureReason);

/// <summary>
/// A partial update of a delivery record (<c>PATCH /api/deliveries/{id}</c>). A stage change is
/// also recorded as a tracking event, with <see cref="ChangeId"/> as its id so a retried patch
/// records it once. <see cref="Confirmation"/> comes only with the stage Completed.
/// </summary>
public sealed record DeliveryPatch(
    DeliveryStage? Stage,
    DateTimeOffset? PickupTime,
    DateTimeOffset? Deadline,
    string? FailureReason,
    string? ChangeId = null,
    DeliveryConfirmation? Confirmation = null);
