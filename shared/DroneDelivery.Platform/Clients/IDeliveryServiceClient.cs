using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

/// <summary>The delivery service's internal write API, as the workflow uses it.</summary>
public interface IDeliveryServiceClient
{
    /// <summary>Creates or replaces the delivery record (PUT is idempotent).</summary>
    Task UpsertAsync(Delivery delivery, CancellationToken cancellationToken);
}
