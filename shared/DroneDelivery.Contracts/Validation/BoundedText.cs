using System.Security.Cryptography;
using System.Text;

namespace DroneDelivery.Contracts.Validation;

/// <summary>
/// Ids and texts the system composes itself (tracking event ids, change ids, failure reasons)
/// made to fit the limits its own services validate, so that what it composes from long input
/// (a 128-character request id, a long reason) is never refused by its own validation.
/// </summary>
public static class BoundedText
{
    /// <summary>
    /// <paramref name="id"/> when it is a valid id (<see cref="FieldRules.IsValidId"/>), else
    /// <paramref name="prefix"/> (cut to fit) and the SHA-256 of the whole id: the same input gives the same id, as
    /// idempotent writes need.
    /// </summary>
    public static string Id(string id, string prefix)
    {
        if (FieldRules.IsValidId(id))
        {
            return id;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        var room = FieldRules.MaxIdLength - hash.Length - 1;
        var safePrefix = new string([.. prefix.Where(c => FieldRules.IsValidId(c.ToString()))]);
        return $"{(safePrefix.Length > room ? safePrefix[..room] : safePrefix)}:{hash}".TrimStart(':');
    }

    /// <summary><paramref name="text"/> cut to <paramref name="maxLength"/> characters, ending in an ellipsis when cut.</summary>
    public static string Fit(string text, int maxLength = FieldRules.MaxTagLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
}
