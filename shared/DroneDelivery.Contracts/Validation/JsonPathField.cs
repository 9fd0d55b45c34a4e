namespace DroneDelivery.Contracts.Validation;

/// <summary>Turns a System.Text.Json error path (<c>$.packageInfo.size</c>) into the field name a client sent.</summary>
public static class JsonPathField
{
    public const string Body = "body";

    public static string From(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return Body;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? Body : field;
    }
}
