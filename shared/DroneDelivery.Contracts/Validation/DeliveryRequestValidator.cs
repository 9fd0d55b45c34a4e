using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Contracts.Validation;

/// <summary>Turns a customer's <see cref="DeliveryRequestBody"/> into a <see cref="DeliveryRequest"/>, or says which fields are wrong.</summary>
public static class DeliveryRequestValidator
{
    public const double MaxWeightKg = 50;

    public static Validated<DeliveryRequest> Validate(DeliveryRequestBody? body, string deliveryId, DateTimeOffset now)
    {
        if (body is null)
        {
            return Validated<DeliveryRequest>.Invalid(ValidationErrors.For(JsonPathField.Body, "a JSON object is required"));
        }

        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "ownerId", body.OwnerId);
        FieldRules.RequireLocation(errors, "pickupLocation", body.PickupLocation);
        FieldRules.RequireLocation(errors, "dropOffLocation", body.DropOffLocation);
        ValidateSchedule(errors, body, now);
        ValidatePackage(errors, body.PackageInfo);

        if (!errors.IsEmpty)
        {
            return Validated<DeliveryRequest>.Invalid(errors);
        }

        var package = body.PackageInfo!;
        return Validated<DeliveryRequest>.Ok(new DeliveryRequest(
            deliveryId,
            body.OwnerId!,
            body.PickupLocation!,
            body.DropOffLocation!,
            body.PickupTime!.Value,
            body.Deadline!.Value,
            body.Expedited ?? false,
            body.ConfirmationRequired ?? ConfirmationType.None,
            new PackageInfo(package.PackageId!, package.Size!.Value, package.Weight!.Value, package.Tag)));
    }

    private static void ValidateSchedule(ValidationErrors errors, DeliveryRequestBody body, DateTimeOffset now)
    {
        if (body.PickupTime is null)
        {
            errors.Add("pickupTime", "is required");
        }
        else
        {
            FieldRules.RequireBookableTime(errors, "pickupTime", body.PickupTime.Value, now);
        }

        if (body.Deadline is null)
        {
            errors.Add("deadline", "is required");
        }
        else if (body.Deadline <= now)
        {
            errors.Add("deadline", "must be in the future");
        }
        else if (body.PickupTime is not null && body.Deadline <= body.PickupTime)
        {
            errors.Add("deadline", "must be after pickupTime");
        }
        else
        {
            FieldRules.RequireBookableTime(errors, "deadline", body.Deadline.Value, now);
        }
    }

    private static void ValidatePackage(ValidationErrors errors, PackageInfoBody? package)
    {
        if (package is null)
        {
            errors.Add("packageInfo", "is required");
            return;
        }

        FieldRules.RequireId(errors, "packageInfo.packageId", package.PackageId);
        if (package.Size is null)
        {
            errors.Add("packageInfo.size", "is required (Small, Medium or Large)");
        }

        if (package.Weight is null)
        {
            errors.Add("packageInfo.weight", "is required");
        }
        else if (!double.IsFinite(package.Weight.Value) || package.Weight <= 0 || package.Weight > MaxWeightKg)
        {
            errors.Add("packageInfo.weight", $"must be greater than 0 and at most {MaxWeightKg} kg");
        }

        FieldRules.OptionalText(errors, "packageInfo.tag", package.Tag, FieldRules.MaxTagLength);
    }
}
