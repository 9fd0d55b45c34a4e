namespace DroneDelivery.Contracts.Model;

/// <summary>
/// Which stage may follow which. A delivery moves forward — Created, HeadedToPickup (Rescheduled
/// and back while the package waits), HeadedToDropoff, then one final stage — and never back: a late
/// or repeated write (an HTTP retry that lands after the next step's write) must not move a record
/// backwards or reopen a delivery that has ended.
/// </summary>
public static class DeliveryStages
{
    public static bool IsFinal(this DeliveryStage stage) =>
        stage is DeliveryStage.Completed or DeliveryStage.Cancelled or DeliveryStage.Failed;

    public static bool IsBeforePickup(this DeliveryStage stage) =>
        stage is DeliveryStage.Created or DeliveryStage.Rescheduled or DeliveryStage.HeadedToPickup;

    public static bool MayMoveTo(this DeliveryStage from, DeliveryStage to) => from == to || (!from.IsFinal() && to switch
    {
        // Back to Created only when a reschedule is re-planned before a drone was assigned.
        DeliveryStage.Created => from == DeliveryStage.Rescheduled,
        DeliveryStage.Rescheduled or DeliveryStage.HeadedToPickup or DeliveryStage.HeadedToDropoff => from.IsBeforePickup(),
        _ => true,
    });
}
