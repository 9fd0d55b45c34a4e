using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Contracts.Validation;

/// <summary>Checks an admin's <see cref="NewDrone"/>: every field but the battery required, all in range.</summary>
public static class NewDroneValidator
{
    /// <summary>A bound on a drone's payload (cargo drones lift tens of kilograms; packages weigh at most 50).</summary>
    public const double MaxPayloadKg = 100;

    public static Validated<NewDrone> Validate(NewDrone? body)
    {
        if (body is null)
        {
            return Validated<NewDrone>.Invalid(ValidationErrors.For(JsonPathField.Body, "a JSON object is required"));
        }

        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "id", body.Id);
        FieldRules.RequireLocation(errors, "position", body.Position);
        if (body.MaxPayloadKg is not { } payload)
        {
            errors.Add("maxPayloadKg", "is required");
        }
        else if (!double.IsFinite(payload) || payload is <= 0 or > MaxPayloadKg)
        {
            errors.Add("maxPayloadKg", $"must be more than 0 and at most {MaxPayloadKg} kg");
        }

        if (body.MaxSize is null)
        {
            errors.Add("maxSize", "is required");
        }

        if (body.Battery is { } battery && (!double.IsFinite(battery) || battery is < 0 or > 1))
        {
            errors.Add("battery", "must be from 0 to 1");
        }

        return errors.IsEmpty ? Validated<NewDrone>.Ok(body) : Validated<NewDrone>.Invalid(errors);
    }
}
