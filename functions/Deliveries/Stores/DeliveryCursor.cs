using System.Buffers.Text;
using System.Globalization;
using System.Text;
using DroneDelivery.Contracts.Validation;

namespace DroneDelivery.Deliveries.Stores;

/// <summary>
/// Where a page of an owner's deliveries ended: the last delivery's creation time (ms) and id, in the
/// list's order (newest first, then by id). It travels as an opaque continuation token (base64url);
/// a token only moves the start within the caller's own list, so it needs no signature.
/// </summary>
public sealed record DeliveryCursor(DateTimeOffset CreatedAt, string Id)
{
    /// <summary>Creation times up to the year 2286 (13 digits of milliseconds).</summary>
    private const long MaxMilliseconds = 9_999_999_999_999;

    public string ToToken() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.ToUnixTimeMilliseconds()}:{Id}")));

    /// <summary>The cursor a token names, or null when it is not one this service gave out.</summary>
    public static DeliveryCursor? FromToken(string token)
    {
        if (token.Length > 2 * FieldRules.MaxIdLength || !Base64Url.IsValid(token))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        var separator = text.IndexOf(':', StringComparison.Ordinal);
        return separator > 0
            && long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds <= MaxMilliseconds
            && FieldRules.IsValidId(text[(separator + 1)..])
            ? new DeliveryCursor(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), text[(separator + 1)..])
            : null;
    }
}

/// <summary>A page of an owner's delivery records, newest first, and where the next starts (null: this was the last).</summary>
public sealed record DeliveryPage(IReadOnlyList<Contracts.Model.Delivery> Deliveries, DeliveryCursor? Next);
