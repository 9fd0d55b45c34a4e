using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Contracts.Validation;

/// <summary>
/// Proof of delivery: whether a confirmation is the one a delivery requires. The one rule the
/// workflow checks a drone's <c>Delivered</c> report with, the saga checks the event it is raised
/// with, and the delivery service checks before it records a delivery Completed. A delivery that
/// requires none takes none (the workflow drops one a drone sends anyway before it goes further).
/// </summary>
public static class ConfirmationRules
{
    public const int MaxContentUriLength = 2048;

    private const int Sha256HexLength = 64;

    /// <summary>What is wrong with <paramref name="given"/> as the <paramref name="required"/> confirmation, by field.</summary>
    public static ValidationErrors Check(ConfirmationType required, DeliveryConfirmation? given)
    {
        var errors = new ValidationErrors();
        Require(errors, required, given);
        return errors;
    }

    public static bool Satisfies(ConfirmationType required, DeliveryConfirmation? given) => Check(required, given).IsEmpty;

    /// <summary>Adds to <paramref name="errors"/> what is wrong with <paramref name="given"/> as the <paramref name="required"/> confirmation, under <paramref name="field"/>.</summary>
    public static void Require(ValidationErrors errors, ConfirmationType required, DeliveryConfirmation? given, string field = "confirmation")
    {
        if (required == ConfirmationType.None)
        {
            if (given is not null)
            {
                errors.Add(field, "must be absent: the delivery requires no confirmation");
            }

            return;
        }

        if (given is null)
        {
            errors.Add(field, $"is required: the delivery requires a {required} confirmation");
            return;
        }

        if (given.Type != required)
        {
            errors.Add($"{field}.type", $"must be {required}, the confirmation the delivery requires");
        }

        if (!IsSha256Hex(given.Sha256))
        {
            errors.Add($"{field}.sha256", $"must be a SHA-256 digest: {Sha256HexLength} hexadecimal characters");
        }

        if (required == ConfirmationType.FingerPrint)
        {
            if (given.ContentUri is not null)
            {
                errors.Add($"{field}.contentUri", "must be absent for a FingerPrint: only its hash leaves the drone");
            }
        }
        else if (!IsHttpsUri(given.ContentUri))
        {
            errors.Add($"{field}.contentUri", $"must be an absolute https URI of at most {MaxContentUriLength} characters");
        }
    }

    private static bool IsSha256Hex(string? digest) => digest is { Length: Sha256HexLength } && digest.All(char.IsAsciiHexDigit);

    private static bool IsHttpsUri(string? uri) =>
        uri is { Length: > 0 and <= MaxContentUriLength }
        && Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Scheme == Uri.UriSchemeHttps
        && !string.IsNullOrEmpty(parsed.Host)
        && string.IsNullOrEmpty(parsed.UserInfo);
}
