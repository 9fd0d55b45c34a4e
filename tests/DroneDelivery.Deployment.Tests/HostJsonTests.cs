using System.Text.Json;
using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

/// <summary>The one host.json, copied into every app's image: what the Functions host reads from it.</summary>
[Collection(ChartCollection.Name)]
public sealed class HostJsonTests(ChartFixture fixture)
{
    /// <summary>
    /// The host reads <c>telemetryMode</c> at the top level of host.json (azure-functions-host
    /// ScriptHostBuilderExtensions.ConfigureTelemetry: section AzureFunctionsJobHost:telemetryMode,
    /// parsed case-insensitively as None, ApplicationInsights or OpenTelemetry). Anywhere else, or
    /// misspelt, it is ignored and the host keeps Application Insights mode.
    /// </summary>
    [Fact]
    public void HostJson_PutsTheHostInOpenTelemetryMode_AtTheTopLevel()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.RepoRoot, "host.json")));
        var root = hostJson.RootElement;

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.True(root.TryGetProperty("telemetryMode", out var mode), "host.json has no top-level telemetryMode");
        Assert.Equal("OpenTelemetry", mode.GetString());
        Assert.Single(root.EnumerateObject(), p => string.Equals(p.Name, "telemetryMode", StringComparison.OrdinalIgnoreCase));
    }
}
