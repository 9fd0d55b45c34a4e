namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>Names of the external events a delivery orchestration waits for.</summary>
public static class DeliveryEvents
{
    /// <summary>The drone has the package (payload: DroneEvent).</summary>
    public const string PickedUp = "PickedUp";

    /// <summary>The drone dropped the package off (payload: DroneEvent).</summary>
    public const string Delivered = "Delivered";

    /// <summary>The customer cancels (payload: CancelRequest).</summary>
    public const string Cancel = "Cancel";

    /// <summary>The customer moves pickup time and deadline (payload: RescheduleRequest).</summary>
    public const string Reschedule = "Reschedule";

    /// <summary>An admin runs again the step the delivery is held at (payload: RetryRequest).</summary>
    public const string Retry = "Retry";
}
