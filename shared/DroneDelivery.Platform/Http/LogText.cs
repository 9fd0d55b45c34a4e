namespace DroneDelivery.Platform.Http;

/// <summary>
/// Text from a request (paths, JSON property names and paths, ids) made safe to put in a log
/// line: control characters (new lines above all, which forge log entries) become <c>\uXXXX</c>
/// escapes and overlong text is cut.
/// </summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > MaxLength ? text[..MaxLength] : text;
        if (!cut.Any(IsUnsafe))
        {
            return cut.Length < text.Length ? cut + "…" : cut;
        }

        var clean = new System.Text.StringBuilder(cut.Length + 16);
        foreach (var c in cut)
        {
            if (IsUnsafe(c))
            {
                clean.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                clean.Append(c);
            }
        }

        return cut.Length < text.Length ? clean.Append('…').ToString() : clean.ToString();
    }

    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';
}
