using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

/// <summary>The delivery service's API, as the workflow and ingestion use it.</summary>
public interface IDeliveryServiceClient
{
    /// <summary>Creates or replaces the delivery record (PUT is idempotent).</summary>
    Task UpsertAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>Applies a partial update; a stage change is recorded once per <see cref="DeliveryPatch.ChangeId"/>.</summary>
    Task PatchAsync(string deliveryId, DeliveryPatch patch, CancellationToken cancellationToken);

    /// <summary>Appends a tracking event; an event id seen before is ignored.</summary>
    Task AppendTrackingAsync(TrackingEvent trackingEvent, CancellationToken cancellationToken);

    /// <summary>
    /// The delivery record as the customer sees it — the customer's own bearer token is passed on,
    /// so the delivery service applies its owner rule — or null when there is none for that customer.
    /// </summary>
    Task<Delivery?> GetAsync(string deliveryId, string bearerToken, CancellationToken cancellationToken);
}
