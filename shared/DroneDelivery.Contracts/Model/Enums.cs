namespace DroneDelivery.Contracts.Model;

/// <summary>How the recipient confirms receipt (reference enum names).</summary>
public enum ConfirmationType
{
    None,
    FingerPrint,
    Picture,
    Voice,
}

/// <summary>Package size class (reference enum names).</summary>
public enum ContainerSize
{
    Small,
    Medium,
    Large,
}

/// <summary>Where a delivery is in its lifecycle. <c>Failed</c> marks a compensated delivery.</summary>
public enum DeliveryStage
{
    Created,
    Rescheduled,
    HeadedToPickup,
    HeadedToDropoff,
    Completed,
    Cancelled,
    Failed,
}
