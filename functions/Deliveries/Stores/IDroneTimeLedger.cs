using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>
/// The drone time each owner's deliveries took: from the record written at <see cref="DeliveryStage.HeadedToPickup"/>
/// (a drone assigned and dispatched) to the record's final stage, counted once per delivery in the month the delivery
/// was created (the month its usage counts it in).
/// </summary>
public interface IDroneTimeLedger
{
    /// <summary>Notes a flight's start when <paramref name="stored"/> is at HeadedToPickup, and counts it when at a final stage.</summary>
    Task StageRecordedAsync(Delivery stored, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The drone minutes counted for the owner's deliveries created in that month.</summary>
    Task<double> DroneMinutesAsync(string ownerId, int year, int month, CancellationToken cancellationToken);
}
