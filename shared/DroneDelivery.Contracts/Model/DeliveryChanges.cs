namespace DroneDelivery.Contracts.Model;

/// <summary>Body of <c>PATCH /api/deliveryrequests/{id}</c>: a new pickup time and/or deadline.</summary>
public sealed class RescheduleRequestBody
{
    public DateTimeOffset? PickupTime { get; init; }

    public DateTimeOffset? Deadline { get; init; }
}

/// <summary>A validated reschedule, as it travels on the queue and reaches the orchestration.</summary>
public sealed record RescheduleRequest(string DeliveryId, string RequestId, DateTimeOffset PickupTime, DateTimeOffset Deadline);

/// <summary>
/// A cancellation, as it travels on the queue and reaches the orchestration. <see cref="By"/>: the admin who cancelled
/// (<c>POST /api/orchestrations/{id}/cancel</c>); null for the customer's own cancel.
/// </summary>
public sealed record CancelRequest(string DeliveryId, string RequestId, string? By = null);

/// <summary>An admin's retry of the step a delivery is held at (<see cref="HeldStep"/>), as it reaches the orchestration.</summary>
public sealed record RetryRequest(string DeliveryId, string RequestId, string By, int Hold);

/// <summary>The body of the 202 answer to <c>POST /api/orchestrations/{id}/retry</c>: the step that runs again.</summary>
public sealed record RetryAccepted(string DeliveryId, string RequestId, string Step);

/// <summary>The body of ingestion's 202 answer to a reschedule or cancel request.</summary>
public sealed record ChangeAccepted(string DeliveryId, string RequestId, DeliveryOperation Operation);
