using System.Globalization;
using System.Text;

namespace DroneDelivery.Ingestion.Stores;

/// <summary>
/// Builds idempotency store keys from parts that may contain any character (owner ids, delivery
/// ids and client keys may all contain <c>:</c>): each part is written as its length, <c>#</c>,
/// then the part itself, so two different lists of parts never give the same key
/// (<c>("a:b", "c")</c> is <c>3#a:b1#c</c>, <c>("a", "b:c")</c> is <c>1#a3#b:c</c>).
/// </summary>
public static class IdempotencyScope
{
    public static string Of(params ReadOnlySpan<string> parts)
    {
        var key = new StringBuilder();
        foreach (var part in parts)
        {
            key.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append('#').Append(part);
        }

        return key.ToString();
    }
}
