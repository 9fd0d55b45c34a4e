using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>Raises webhook events where the delivery service records what they are about.</summary>
public interface IDeliveryNotifications
{
    /// <summary>A delivery's record was written at <paramref name="delivery"/>'s stage (the record as stored).</summary>
    Task StageRecordedAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>A drone position was recorded for a delivery.</summary>
    Task PositionRecordedAsync(TrackingEvent position, CancellationToken cancellationToken);
}

/// <summary>
/// Turns recorded stage changes and positions into events for the owner's subscriptions: a stage
/// raises its event (<see cref="WebhookEventTypes.ForStage"/>), a position whose ETA passes the
/// deadline raises <c>delivery.delayed</c> (one record read per position). Each event is raised once per delivery, however often its
/// cause is written again (a retried write, a re-planned stage), and only put in the outbox: the
/// write that raised it waits for Redis, never for a receiver (<see cref="WebhookDispatcher"/> sends).
/// An owner without subscriptions costs one set read per stage change.
/// </summary>
public sealed class DeliveryNotifications(
    IWebhookRepository webhooks, IWebhookOutbox outbox, IDeliveryRepository deliveries, ITrackingRepository tracking, IOptions<FlightOptions> flight, TimeProvider clock) : IDeliveryNotifications
{
    public async Task StageRecordedAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (WebhookEventTypes.ForStage(delivery.Stage) is not { } type)
        {
            return;
        }

        var subscriptions = await SubscribersAsync(delivery.OwnerId, type, cancellationToken);
        if (subscriptions.Count == 0)
        {
            return;
        }

        var position = delivery.Stage.IsFinal() ? null : await tracking.GetLastPositionAsync(delivery.Id, cancellationToken);
        await RaiseAsync(subscriptions, type, delivery, position, cancellationToken);
    }

    public async Task PositionRecordedAsync(TrackingEvent position, CancellationToken cancellationToken)
    {
        if (await deliveries.GetAsync(position.DeliveryId, cancellationToken) is not { } delivery
            || delivery.Stage.IsFinal()
            || !(Eta(delivery, position) > delivery.Deadline))
        {
            return;
        }

        var subscriptions = await SubscribersAsync(delivery.OwnerId, WebhookEventTypes.Delayed, cancellationToken);
        if (subscriptions.Count > 0)
        {
            await RaiseAsync(subscriptions, WebhookEventTypes.Delayed, delivery, position, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<WebhookSubscription>> SubscribersAsync(string ownerId, string type, CancellationToken cancellationToken) =>
        [.. (await webhooks.ListAsync(ownerId, cancellationToken)).Where(subscription => subscription.Wants(type))];

    private DateTimeOffset? Eta(Delivery delivery, TrackingEvent? position) =>
        DeliveryEta.Estimate(delivery, position?.Position, position?.OccurredAt, flight.Value.EffectiveSpeed);

    private async Task RaiseAsync(IReadOnlyList<WebhookSubscription> subscriptions, string type, Delivery delivery, TrackingEvent? position, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var messageId = $"msg_{Guid.NewGuid():N}";
        var data = new DeliveryEventData(
            delivery.Id, delivery.Stage, delivery.DroneId, Eta(delivery, position), delivery.Deadline, position?.Position,
            delivery.FailureReason, delivery.ConfirmationRequired, delivery.Confirmation);
        var body = DeliveryCloudEvents.Encode(messageId, type, now, data);
        await outbox.EnqueueOnceAsync(
            $"{delivery.Id}:{type}",
            [.. subscriptions.Select(subscription => new OutboxMessage(subscription.Id, messageId, type, delivery.Id, body, now))],
            now,
            cancellationToken);
    }
}
