using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Platform.Messaging;

/// <summary>
/// The broker metadata the Functions host passes with a Service Bus–triggered invocation
/// (<c>MessageId</c>, <c>DeliveryCount</c>, <c>EnqueuedTimeUtc</c>, <c>ApplicationProperties</c> in the binding data).
/// </summary>
public sealed record TriggerMessageMetadata(string? MessageId, int DeliveryCount, IReadOnlyDictionary<string, string> ApplicationProperties)
{
    /// <summary>When the broker accepted the message; null when the binding data does not say.</summary>
    public DateTimeOffset? EnqueuedTime { get; init; }

    public static TriggerMessageMetadata From(FunctionContext context)
    {
        var data = context.BindingContext.BindingData;
        var messageId = data.TryGetValue("MessageId", out var id) ? id?.ToString()?.Trim('"') : null;
        var deliveryCount = data.TryGetValue("DeliveryCount", out var count) && int.TryParse(count?.ToString(), out var parsed) ? parsed : 1;
        var properties = data.TryGetValue("ApplicationProperties", out var raw) ? ParseProperties(raw) : new Dictionary<string, string>();
        var enqueued = data.TryGetValue("EnqueuedTimeUtc", out var time)
            && DateTimeOffset.TryParse(time?.ToString()?.Trim('"'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedTime)
                ? parsedTime
                : (DateTimeOffset?)null;
        return new TriggerMessageMetadata(messageId, deliveryCount, properties) { EnqueuedTime = enqueued };
    }

    private static Dictionary<string, string> ParseProperties(object? raw)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (raw is not string json || string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return result;
    }
}
