using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

/// <summary>The drone scheduler's HTTP API, as the workflow uses it.</summary>
public interface IDroneSchedulerClient
{
    /// <summary>Assigns a drone to the delivery; asking again returns the same drone.</summary>
    Task<DroneAssignment> AssignAsync(DroneAssignmentRequest request, CancellationToken cancellationToken);
}
