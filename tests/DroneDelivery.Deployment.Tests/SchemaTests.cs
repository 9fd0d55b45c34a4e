using System.Text.Json;
using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

/// <summary>values.schema.json turns bad values into a failed render, not a broken cluster.</summary>
[Collection(ChartCollection.Name)]
public sealed class SchemaTests(ChartFixture fixture)
{
    public static TheoryData<string, string, string> BrokenValues => new()
    {
        { "replicas of the wrong type", "apps:\n  ingestion:\n    replicas:\n      min: two\n", "/apps/ingestion/replicas/min" },
        { "an unknown top-level key", "replicaCount: 3\n", "replicaCount" },
        { "an unknown key in an app", "apps:\n  workflow:\n    cpu: 2\n", "cpu" },
        { "an app the system does not have", "apps:\n  billing:\n    clientId: 00000000-0000-0000-0000-000000000009\n", "billing" },
        { "a client id that is not a GUID", "apps:\n  package:\n    clientId: package-identity\n", "/apps/package/clientId" },
        { "an invalid storage account name", "azure:\n  storageAccountName: Not_Valid\n", "/azure/storageAccountName" },
        { "a CPU request that is not a quantity", "apps:\n  delivery:\n    resources:\n      requests:\n        cpu: lots\n", "/apps/delivery/resources/requests/cpu" },
        { "an unknown function key storage", "functionKeys:\n  storage: vault\n", "/functionKeys/storage" },
        { "an app setting not in the contract", "apps:\n  ingestion:\n    env:\n      Mongo__ConnectionString: mongodb://x\n", "Mongo__ConnectionString" },
        { "a drone time scale (local simulator only)", "apps:\n  delivery:\n    env:\n      Drones__TimeScale: \"60\"\n", "Drones__TimeScale" },
        { "a drone speed that is not a positive number", "apps:\n  delivery:\n    env:\n      Drones__SpeedMetresPerSecond: fast\n", "/apps/delivery/env/Drones__SpeedMetresPerSecond" },
        { "an empty seed fleet", "apps:\n  dronescheduler:\n    env:\n      Fleet__Size: \"0\"\n", "/apps/dronescheduler/env/Fleet__Size" },
        { "a fleet centre off the globe", "apps:\n  dronescheduler:\n    env:\n      Fleet__CenterLatitude: \"91\"\n", "/apps/dronescheduler/env/Fleet__CenterLatitude" },
        { "a fleet setting on the wrong app", "apps:\n  delivery:\n    env:\n      Fleet__Size: \"10\"\n", "Fleet__Size" },
        { "a drone source range that is not a CIDR", "ingress:\n  droneEvents:\n    sourceRanges: [drones.example.com]\n", "/ingress/droneEvents/sourceRanges/0" },
        { "min replicas above max", "apps:\n  workflow:\n    replicas:\n      min: 12\n      max: 3\n", "greater than replicas.max" },
    };

    [Theory]
    [MemberData(nameof(BrokenValues))]
    public void HelmTemplate_FailsForValuesWith(string problem, string yaml, string expectedInError)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dronedelivery-broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            var result = fixture.Helm.Template(file);

            Assert.False(result.Succeeded, $"helm template accepted values with {problem}");
            Assert.Contains(expectedInError, result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The keys the Bicep deployment fills in: renaming one breaks infra/, so the schema pins them.</summary>
    [Theory]
    [InlineData("image", "registry")]
    [InlineData("image", "tag")]
    [InlineData("image", "pullPolicy")]
    [InlineData("azure", "tenantId")]
    [InlineData("azure", "serviceBusNamespace")]
    [InlineData("azure", "storageAccountName")]
    [InlineData("azure", "cosmosEndpoint")]
    [InlineData("azure", "redisHost")]
    [InlineData("azure", "keyVaultName")]
    [InlineData("ingress", "host")]
    [InlineData("ingress", "tlsSecretName")]
    [InlineData("ingress", "className")]
    public void ValuesContract_KeyIsDeclaredAndRequiredBySchema(string section, string key)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Helm.ChartPath, "values.schema.json")));
        var node = schema.RootElement.GetProperty("properties").GetProperty(section);

        Assert.True(node.GetProperty("properties").TryGetProperty(key, out _), $"{section}.{key} not declared");
        Assert.Contains(key, node.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(node.GetProperty("additionalProperties").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(AppNames))]
    public void ValuesContract_EveryAppRequiresAWorkloadIdentityClientId(string app)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Helm.ChartPath, "values.schema.json")));
        var node = schema.RootElement.GetProperty("properties").GetProperty("apps").GetProperty("properties").GetProperty(app);

        Assert.Contains("clientId", node.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    public static TheoryData<string> AppNames => new(RenderedChart.Apps);
}
