using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;

namespace DroneDelivery.Packages.Functions;

/// <summary>What a stored package must satisfy.</summary>
public static class PackageRules
{
    public static ValidationErrors Validate(string routeId, Package package)
    {
        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "id", package.Id);
        if (package.Id != routeId)
        {
            errors.Add("id", "must match the id in the URL");
        }

        FieldRules.RequireId(errors, "deliveryId", package.DeliveryId);
        ValidateWeight(errors, package.Weight);
        FieldRules.OptionalText(errors, "tag", package.Tag, FieldRules.MaxTagLength);
        return errors;
    }

    public static void ValidateWeight(ValidationErrors errors, double? weight)
    {
        if (weight is { } value && (!double.IsFinite(value) || value <= 0 || value > DeliveryRequestValidator.MaxWeightKg))
        {
            errors.Add("weight", $"must be greater than 0 and at most {DeliveryRequestValidator.MaxWeightKg} kg");
        }
    }
}
