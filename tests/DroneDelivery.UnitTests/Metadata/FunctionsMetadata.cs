using System.Text.Json;

namespace DroneDelivery.UnitTests.Metadata;

/// <summary>
/// An app's functions.metadata as its build wrote it, copied next to the tests as
/// metadata/&lt;App&gt;.functions.metadata by the CopyFunctionsMetadata target of the test project.
/// </summary>
public static class FunctionsMetadata
{
    public static IReadOnlyList<JsonElement> Load(string app)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "metadata", $"DroneDelivery.{app}.functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the build of DroneDelivery.{app} did not produce functions.metadata.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(function => function.Clone())];
    }

    public static JsonElement Function(string app, string name)
    {
        var functions = Load(app).Where(function => function.GetProperty("name").GetString() == name).ToList();
        Assert.True(functions.Count == 1, $"{app} declares {functions.Count} functions named {name}.");
        return functions[0];
    }

    public static JsonElement Trigger(JsonElement function) =>
        Assert.Single(Bindings(function), binding => binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    public static IReadOnlyList<JsonElement> Bindings(JsonElement function) => [.. function.GetProperty("bindings").EnumerateArray()];

    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() : null;
}
