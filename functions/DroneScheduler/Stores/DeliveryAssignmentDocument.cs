namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>
/// Which drone holds a delivery, so the scheduler finds it with two point reads instead of a
/// query: stored in the drones container under the delivery's own partition
/// (<see cref="CosmosDroneRepository.AssignmentArea"/>), written before the claim it records and
/// trusted only while the drone still holds the delivery. Expires after <see cref="TimeToLive"/>.
/// </summary>
public sealed class DeliveryAssignmentDocument
{
    /// <summary>Longer than any delivery is held (deadlines are hours away; compensation retries for about 90 minutes).</summary>
    public const int TimeToLive = 30 * 24 * 3600;

    public string Id { get; set; } = string.Empty;

    public string Area { get; set; } = string.Empty;

    public string DroneId { get; set; } = string.Empty;

    public string DroneArea { get; set; } = string.Empty;

    public int Ttl { get; set; } = TimeToLive;
}
