using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// What the delivery service's internal writes must satisfy: a whole record (<c>PUT</c>), a patch
/// (<c>PATCH</c>) and a tracking event (<c>POST …/tracking</c>). The workflow composes what it
/// sends within these limits (the saga must always be able to record a Failed delivery).
/// </summary>
public static class DeliveryRules
{
    public static ValidationErrors ValidateRecord(string id, Delivery delivery)
    {
        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "id", delivery.Id);
        if (delivery.Id != id)
        {
            errors.Add("id", "must match the id in the URL");
        }

        FieldRules.RequireId(errors, "ownerId", delivery.OwnerId);
        FieldRules.RequireId(errors, "packageId", delivery.PackageId);
        if (delivery.DroneId is not null)
        {
            FieldRules.RequireId(errors, "droneId", delivery.DroneId);
        }

        FieldRules.OptionalText(errors, "failureReason", delivery.FailureReason, FieldRules.MaxTagLength);
        FieldRules.RequireLocation(errors, "pickup", delivery.Pickup);
        FieldRules.RequireLocation(errors, "dropoff", delivery.Dropoff);
        if (delivery.Stage == DeliveryStage.Completed)
        {
            ConfirmationRules.Require(errors, delivery.ConfirmationRequired, delivery.Confirmation);
        }
        else
        {
            ConfirmationOnlyWhenCompleted(errors, delivery.Confirmation);
        }

        return errors;
    }

    public static ValidationErrors ValidatePatch(DeliveryPatch patch)
    {
        var errors = new ValidationErrors();
        FieldRules.OptionalText(errors, "failureReason", patch.FailureReason, FieldRules.MaxTagLength);
        if (patch.ChangeId is not null && !FieldRules.IsValidId(patch.ChangeId))
        {
            errors.Add("changeId", $"must be 1–{FieldRules.MaxIdLength} characters of letters, digits and - _ . : @");
        }

        if (patch.Stage != DeliveryStage.Completed)
        {
            ConfirmationOnlyWhenCompleted(errors, patch.Confirmation);
        }

        return errors;
    }

    /// <summary>
    /// A patch to Completed against the record it completes: the confirmation must be the one the
    /// delivery requires (<see cref="ConfirmationRules"/>) — the same rule the workflow checked the
    /// drone's report with, enforced again where the record is written.
    /// </summary>
    public static ValidationErrors ValidateCompletion(Delivery stored, DeliveryPatch patch) =>
        ConfirmationRules.Check(stored.ConfirmationRequired, patch.Confirmation);

    private static void ConfirmationOnlyWhenCompleted(ValidationErrors errors, DeliveryConfirmation? confirmation)
    {
        if (confirmation is not null)
        {
            errors.Add("confirmation", "is recorded only with the stage Completed");
        }
    }

    public static ValidationErrors ValidateTrackingEvent(string id, TrackingEvent trackingEvent)
    {
        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "eventId", trackingEvent.EventId);
        FieldRules.RequireId(errors, "deliveryId", trackingEvent.DeliveryId);
        if (trackingEvent.DeliveryId != id)
        {
            errors.Add("deliveryId", "must match the id in the URL");
        }

        FieldRules.RequireId(errors, "kind", trackingEvent.Kind);
        FieldRules.OptionalText(errors, "detail", trackingEvent.Detail, FieldRules.MaxTagLength);
        if (trackingEvent.Position is not null)
        {
            FieldRules.RequireLocation(errors, "position", trackingEvent.Position);
        }

        return errors;
    }
}
