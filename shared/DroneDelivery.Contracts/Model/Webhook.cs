using System.Text.Json.Serialization;

namespace DroneDelivery.Contracts.Model;

/// <summary>Body of <c>POST /api/webhooks</c>: where to send events, and which (null or empty: all of <see cref="WebhookEventTypes.All"/>).</summary>
public sealed record WebhookRegistration(string? Url, IReadOnlyList<string>? Events);

/// <summary>
/// A subscription as the delivery service stores it: the owner whose deliveries it reports, the
/// receiver's URL, the event types and the signing secret (<c>whsec_</c> + base64 of 32 random
/// bytes), which the service needs to sign every message.
/// </summary>
public sealed record WebhookSubscription(string Id, string OwnerId, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt)
{
    public bool Wants(string eventType) => Events.Contains(eventType, StringComparer.Ordinal);

    public WebhookInfo Info() => new(Id, Url, Events, CreatedAt);
}

/// <summary>The answer of <c>POST /api/webhooks</c>: the only time the secret is shown.</summary>
public sealed record WebhookCreated(string Id, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);

/// <summary>A subscription as <c>GET /api/webhooks</c> lists it: never the secret.</summary>
public sealed record WebhookInfo(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

/// <summary>
/// One try at sending an event to a receiver (<c>GET /api/webhooks/{id}/attempts</c>): when, the
/// answer's status code or the error that kept it from answering, how long it took, and whether the
/// event was delivered, will be tried again (at <see cref="NextAttemptAt"/>) or was given up.
/// </summary>
public sealed record WebhookAttempt(
    string MessageId,
    string EventType,
    string DeliveryId,
    int Attempt,
    DateTimeOffset AttemptedAt,
    int? StatusCode,
    string? Error,
    double DurationMs,
    WebhookAttemptOutcome Outcome,
    DateTimeOffset? NextAttemptAt);

public enum WebhookAttemptOutcome
{
    Delivered,
    WillRetry,
    GaveUp,
}

/// <summary>The CloudEvents <c>type</c>s a webhook can subscribe to.</summary>
public static class WebhookEventTypes
{
    public const string Assigned = "delivery.assigned";
    public const string PickedUp = "delivery.pickedup";
    public const string Delayed = "delivery.delayed";
    public const string Delivered = "delivery.delivered";
    public const string Failed = "delivery.failed";
    public const string Cancelled = "delivery.cancelled";

    public static IReadOnlyList<string> All { get; } = [Assigned, PickedUp, Delayed, Delivered, Failed, Cancelled];

    /// <summary>The event a delivery's entering <paramref name="stage"/> raises, or null (Created, Rescheduled raise none).</summary>
    public static string? ForStage(DeliveryStage stage) => stage switch
    {
        DeliveryStage.HeadedToPickup => Assigned,
        DeliveryStage.HeadedToDropoff => PickedUp,
        DeliveryStage.Completed => Delivered,
        DeliveryStage.Failed => Failed,
        DeliveryStage.Cancelled => Cancelled,
        _ => null,
    };
}

/// <summary>
/// The <c>data</c> of every delivery event: the delivery as it stands when the event is raised —
/// stage, drone, the estimated arrival at the drop-off (null once it is no longer under way) and
/// the deadline, the reason of a failure or cancellation, the proof of delivery it asked for and,
/// on <c>delivery.delivered</c>, the confirmation the record carries (null while the record
/// carries none).
/// </summary>
public sealed record DeliveryEventData(
    string DeliveryId,
    DeliveryStage Stage,
    string? DroneId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? Eta,
    DateTimeOffset Deadline,
    Location? Position,
    string? FailureReason,
    ConfirmationType ConfirmationRequired,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DeliveryConfirmation? Confirmation);
