namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>
/// The claim on a drone id that an admin's add creates before the drone (<see cref="CosmosDroneRepository.TryAddAsync"/>):
/// in the drones container under the id's own partition (<see cref="CosmosDroneRepository.IdArea"/>), so a second add
/// of the id fails on it, whatever area either drone stands in. It has no state, so fleet queries never read it.
/// </summary>
public sealed class DroneIdDocument
{
    public string Id { get; set; } = string.Empty;

    public string Area { get; set; } = string.Empty;
}
