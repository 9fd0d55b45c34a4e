using System.Buffers;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Contracts.Validation;

/// <summary>The field checks every contract shares: identifiers, coordinates, bounded text and numbers.</summary>
public static class FieldRules
{
    public const int MaxIdLength = 128;
    public const int MaxTagLength = 256;

    /// <summary>How far ahead a pickup or deadline may be booked.</summary>
    public static readonly TimeSpan BookingHorizon = TimeSpan.FromDays(30);

    /// <summary>How far in the past a requested time may lie (a client clock behind ours, a request retried later).</summary>
    public static readonly TimeSpan BookingLag = TimeSpan.FromDays(1);

    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@");

    /// <summary>An identifier that is safe in a URL path segment and a store key.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && !id.AsSpan().ContainsAnyExcept(IdCharacters);

    public static void RequireId(ValidationErrors errors, string field, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(field, "is required");
        }
        else if (!IsValidId(id))
        {
            errors.Add(field, $"must be 1–{MaxIdLength} characters of letters, digits and - _ . : @");
        }
    }

    public static void RequireLocation(ValidationErrors errors, string field, Location? location)
    {
        if (location is null)
        {
            errors.Add(field, "is required");
            return;
        }

        if (!double.IsFinite(location.Latitude) || location.Latitude is < -90 or > 90)
        {
            errors.Add($"{field}.latitude", "must be between -90 and 90");
        }

        if (!double.IsFinite(location.Longitude) || location.Longitude is < -180 or > 180)
        {
            errors.Add($"{field}.longitude", "must be between -180 and 180");
        }

        if (!double.IsFinite(location.Altitude) || location.Altitude is < -500 or > 10_000)
        {
            errors.Add($"{field}.altitude", "must be between -500 and 10000 metres");
        }
    }

    /// <summary>A requested pickup time or deadline: within a day back and <see cref="BookingHorizon"/> ahead of <paramref name="now"/>.</summary>
    public static void RequireBookableTime(ValidationErrors errors, string field, DateTimeOffset time, DateTimeOffset now)
    {
        if (time < now - BookingLag)
        {
            errors.Add(field, $"must not be more than {BookingLag.TotalHours:0} hours in the past");
        }
        else if (time > now + BookingHorizon)
        {
            errors.Add(field, $"must be at most {BookingHorizon.TotalDays:0} days ahead");
        }
    }

    public static void OptionalText(ValidationErrors errors, string field, string? text, int maxLength)
    {
        if (text is not null && text.Length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters");
        }
    }
}
