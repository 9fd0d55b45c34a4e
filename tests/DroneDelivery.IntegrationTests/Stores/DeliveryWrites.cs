using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>The delivery store's writes with the stage events the delivery functions give them, for tests about the records themselves.</summary>
public static class DeliveryWrites
{
    public static readonly DateTimeOffset EventTime = new(2026, 11, 27, 12, 5, 0, TimeSpan.Zero);

    /// <summary>As <c>PUT /api/deliveries/{id}</c> writes: the record's stage event, once per stage.</summary>
    public static TrackingEvent PutEvent(Delivery delivery) =>
        new($"{delivery.Id}:stage:{delivery.Stage}", delivery.Id, TrackingKinds.StageChanged, delivery.Stage, null, delivery.FailureReason, EventTime);

    /// <summary>As <c>PATCH /api/deliveries/{id}</c> writes: with a stage, its event under a new change id.</summary>
    public static TrackingEvent? PatchEvent(string id, DeliveryPatch patch) =>
        patch.Stage is { } stage ? new(Guid.NewGuid().ToString("N"), id, TrackingKinds.StageChanged, stage, null, patch.FailureReason, EventTime) : null;

    /// <summary>As <c>PUT /api/deliveries/{id}</c> writes; true when the record was created.</summary>
    public static async Task<bool> UpsertAsync(this IDeliveryRepository repository, Delivery delivery, CancellationToken cancellationToken) =>
        (await repository.UpsertAsync(delivery, PutEvent(delivery), cancellationToken)).Created;

    public static Task<Delivery?> PatchAsync(this IDeliveryRepository repository, string id, DeliveryPatch patch, CancellationToken cancellationToken) =>
        repository.PatchAsync(id, patch, PatchEvent(id, patch), cancellationToken);
}
