using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

/// <summary>The drone scheduler's HTTP API, as the workflow uses it.</summary>
public interface IDroneSchedulerClient
{
    /// <summary>Assigns a drone to the delivery (asking again returns the same drone); null when no drone can fly it now.</summary>
    Task<DroneAssignment?> AssignAsync(DroneAssignmentRequest request, CancellationToken cancellationToken);

    /// <summary>Sends the assigned drone on its mission.</summary>
    Task DispatchAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Returns the delivery's drone to the pool, where it landed when known; idempotent.</summary>
    Task ReleaseAsync(string deliveryId, Location? position, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="secret"/> is one of the drone's live credentials, and the delivery it is assigned to now.</summary>
    Task<DroneVerification> VerifyDroneAsync(string droneId, string secret, CancellationToken cancellationToken);
}
