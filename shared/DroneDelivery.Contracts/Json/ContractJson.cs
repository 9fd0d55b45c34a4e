using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DroneDelivery.Contracts.Json;

/// <summary>The one JSON configuration every service uses on the wire: web defaults (camelCase),
/// enums as one defined name only (unknown names, numbers and flag lists are rejected, see
/// <see cref="DefinedEnumConverter"/>), locations as coordinates.</summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // API bodies are JSON, never embedded in HTML: keep quotes and apostrophes readable.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new DefinedEnumConverter());
        options.Converters.Add(new LocationJsonConverter());
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
