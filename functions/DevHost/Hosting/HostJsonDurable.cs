using System.Text.Json;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The Durable settings of the repo's one host.json (copied beside the local host, as into every app), read the way
/// the Functions host reads them: <c>extensions.durableTask.hubName</c>, <c>storageProvider.partitionCount</c>,
/// <c>storageProvider.useTablePartitionManagement</c>, <c>overridableExistingInstanceStates</c>, <c>maxConcurrentActivityFunctions</c>, <c>maxConcurrentOrchestratorFunctions</c>.
/// They are the defaults of <see cref="DurableBackendOptions"/>; <c>Durable:*</c> settings override them.
/// </summary>
public sealed record HostJsonDurable(string? HubName, int? PartitionCount, bool? UseTablePartitionManagement, string? OverridableExistingInstanceStates, int? MaxConcurrentActivityFunctions, int? MaxConcurrentOrchestratorFunctions)
{
    public static HostJsonDurable Empty { get; } = new(null, null, null, null, null, null);

    /// <summary>host.json beside the running assembly, or <see cref="Empty"/> when there is none.</summary>
    public static HostJsonDurable Load() => Load(Path.Combine(AppContext.BaseDirectory, "host.json"));

    public static HostJsonDurable Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!TryGet(document.RootElement, "extensions", out var extensions) || !TryGet(extensions, "durableTask", out var durable))
        {
            return Empty;
        }

        var provider = TryGet(durable, "storageProvider", out var storageProvider) ? storageProvider : default;
        return new HostJsonDurable(
            String(durable, "hubName"),
            Int(provider, "partitionCount"),
            Bool(provider, "useTablePartitionManagement"),
            String(durable, "overridableExistingInstanceStates"),
            Int(durable, "maxConcurrentActivityFunctions"),
            Int(durable, "maxConcurrentOrchestratorFunctions"));
    }

    /// <summary>The host's property names are case-insensitive.</summary>
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static string? String(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static int? Int(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
