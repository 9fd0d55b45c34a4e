using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Validation;
using Microsoft.AspNetCore.Http;

namespace DroneDelivery.Platform.Http;

/// <summary>
/// Reads a JSON request body with a size limit and turns every way it can be wrong —
/// not declared as JSON, too large, not JSON, wrong type, unknown enum name, bad coordinates — into field-named errors.
/// </summary>
public static partial class RequestBody
{
    public const int DefaultMaxBytes = 16 * 1024;

    public static async Task<Validated<T>> ReadAsync<T>(HttpRequest request, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return Validated<T>.Invalid(ValidationErrors.For("Content-Type", "must be application/json"));
        }

        if (request.ContentLength > maxBytes)
        {
            return TooLarge<T>(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return TooLarge<T>(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Validated<T>.Invalid(ValidationErrors.For(JsonPathField.Body, "a JSON body is required"));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ContractJson.Options);
            return value is null
                ? Validated<T>.Invalid(ValidationErrors.For(JsonPathField.Body, "a JSON object is required"))
                : Validated<T>.Ok(value);
        }
        catch (JsonException exception)
        {
            return Validated<T>.Invalid(Describe(exception, typeof(T)));
        }
    }

    /// <summary>JSON or unspecified (clients that send none are not refused); anything else is not read as JSON.</summary>
    private static bool IsJson(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.MediaType is { } type
            && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private static Validated<T> TooLarge<T>(int maxBytes)
        where T : class =>
        Validated<T>.Invalid(ValidationErrors.For(JsonPathField.Body, $"must be at most {maxBytes} bytes"));

    private static ValidationErrors Describe(JsonException exception, Type target)
    {
        var field = JsonPathField.From(exception.Path);
        var message = exception.Message;
        var conversion = ConversionTarget().Match(message);
        if (conversion.Success)
        {
            // A record bound through its constructor names itself in the message, not the member: look the member up by path.
            var enumType = MemberType(target, field) ?? typeof(ContractJson).Assembly.GetType(conversion.Groups["type"].Value);
            var text = enumType is { IsEnum: true }
                ? $"must be one of {string.Join(", ", Enum.GetNames(enumType))}"
                : "has the wrong type or format";
            return ValidationErrors.For(field, text);
        }

        var pathInfo = message.IndexOf(" Path:", StringComparison.Ordinal);
        var reason = pathInfo >= 0 ? message[..pathInfo] : message;
        if (exception.InnerException is JsonException)
        {
            return ValidationErrors.For(field, $"is not valid JSON: {reason} (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})");
        }

        return ValidationErrors.For(field, reason);
    }

    private static Type? MemberType(Type type, string field)
    {
        var current = type;
        foreach (var name in field.Split('.'))
        {
            var property = current.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        return current;
    }

    [GeneratedRegex(@"^The JSON value could not be converted to (?:System\.Nullable`1\[)?(?<type>[\w.]+)")]
    private static partial Regex ConversionTarget();
}
