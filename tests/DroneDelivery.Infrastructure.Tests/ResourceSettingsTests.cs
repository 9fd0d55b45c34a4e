using System.Text.Json.Nodes;
using DroneDelivery.Infrastructure.Tests.Infrastructure;

namespace DroneDelivery.Infrastructure.Tests;

/// <summary>Key-based access is off wherever the service allows it; the queue and cluster are set up as the apps expect.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class ResourceSettingsTests(CompiledTemplate template)
{
    [Fact]
    public void ServiceBusCosmosSqlStorageAndRedis_RejectKeysAndSharedAccessSignatures()
    {
        var serviceBus = Assert.Single(template.OfType("Microsoft.ServiceBus/namespaces"));
        Assert.True((bool)serviceBus.Properties["disableLocalAuth"]!);

        var cosmosSql = Assert.Single(template.OfType("Microsoft.DocumentDB/databaseAccounts"), r => (string?)r.Resource["kind"] == "GlobalDocumentDB");
        Assert.True((bool)cosmosSql.Properties["disableLocalAuth"]!);

        // The main account; the secrets script's own (prod) needs shared keys for its file share.
        var storage = Assert.Single(template.OfType("Microsoft.Storage/storageAccounts"), r => r.Name == "[variables('n').storage]");
        Assert.False((bool)storage.Properties["allowSharedKeyAccess"]!);
        Assert.False((bool)storage.Properties["allowBlobPublicAccess"]!);

        var redis = Assert.Single(template.OfType("Microsoft.Cache/redis"));
        Assert.True((bool)redis.Properties["disableAccessKeyAuthentication"]!);
        Assert.Equal("true", (string?)redis.Properties["redisConfiguration"]!["aad-enabled"]);
        Assert.False((bool)redis.Properties["enableNonSslPort"]!);
    }

    [Fact]
    public void RegistryKeyVaultsAndCluster_HaveNoLocalAdminAccess()
    {
        var registry = Assert.Single(template.OfType("Microsoft.ContainerRegistry/registries"));
        Assert.False((bool)registry.Properties["adminUserEnabled"]!);

        var vaults = template.OfType("Microsoft.KeyVault/vaults").ToList();
        Assert.Equal(2, vaults.Count);
        Assert.All(vaults, v => Assert.True((bool)v.Resolve(v.Properties["enableRbacAuthorization"])!));

        var cluster = Assert.Single(template.OfType("Microsoft.ContainerService/managedClusters"));
        Assert.True((bool)cluster.Properties["disableLocalAccounts"]!);
        Assert.True((bool)cluster.Properties["aadProfile"]!["enableAzureRBAC"]!);
    }

    [Fact]
    public void TheMongoConnectionString_OnlyReachesTheSecretsScript_AsASecureValue()
    {
        // No secret resource: a Bicep secret would overwrite a rotated value on every deployment.
        Assert.Empty(template.OfType("Microsoft.KeyVault/vaults/secrets"));
        var script = Assert.Single(template.OfType("Microsoft.Resources/deploymentScripts"));
        var variables = script.Properties["environmentVariables"]!.AsArray();
        var mongo = Assert.Single(variables, v => (string?)v!["name"] == "MONGO_CONNECTION_STRING")!;

        Assert.Contains("listConnectionStrings", (string?)mongo["secureValue"], StringComparison.Ordinal);
        Assert.Null(mongo["value"]);
        Assert.All(variables.Where(v => v!["value"] is not null), v => Assert.DoesNotContain("list", (string?)v!["value"], StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, template.Root.ToJsonString().Split("listConnectionStrings").Length - 1);
    }

    [Fact]
    public void TheDeliveryQueue_DeduplicatesDeadLettersAndLocksAsHostJsonExpects()
    {
        var queue = Assert.Single(template.OfType("Microsoft.ServiceBus/namespaces/queues"));
        var p = queue.Properties;

        Assert.Contains("deliveryrequests", queue.Name, StringComparison.Ordinal);
        Assert.Equal("PT1M", (string?)p["lockDuration"]);
        Assert.Equal(10, (int)p["maxDeliveryCount"]!);
        Assert.True((bool)p["requiresDuplicateDetection"]!);
        Assert.Equal("PT10M", (string?)p["duplicateDetectionHistoryTimeWindow"]);
        Assert.True((bool)p["deadLetteringOnMessageExpiration"]!);
        Assert.False((bool)p["requiresSession"]!);
    }

    [Fact]
    public void TheDroneContainer_IsPartitionedByArea_WithASpatialIndex_AndTheCredentialsByDroneId()
    {
        var containers = template.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers").ToList();
        static string[] PartitionKey(JsonNode resource) => [.. resource["partitionKey"]!["paths"]!.AsArray().Select(p => (string)p!)];

        // The fleet, and the drones' credentials (one document per drone: SHA-256 of each live secret).
        Assert.Equal(2, containers.Count);
        var drones = Assert.Single(containers, c => c.Name.Contains("'drones'", StringComparison.Ordinal)).Properties["resource"]!;
        var credentials = Assert.Single(containers, c => c.Name.Contains("'dronecredentials'", StringComparison.Ordinal)).Properties["resource"]!;
        Assert.Equal(["/area"], PartitionKey(drones));
        var spatial = Assert.Single(drones["indexingPolicy"]!["spatialIndexes"]!.AsArray())!;
        Assert.Equal("/location/?", (string?)spatial["path"]);
        Assert.Equal(["Point"], spatial["types"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(-1, (int)drones["defaultTtl"]!);
        Assert.Equal(["/id"], PartitionKey(credentials));
        Assert.Single(template.OfType("Microsoft.DocumentDB/databaseAccounts/mongodbDatabases"), d => d.Name.Contains("'packages'", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCluster_HasWorkloadIdentityKedaAppRoutingSecretsStoreAndNetworkPolicy()
    {
        var p = Assert.Single(template.OfType("Microsoft.ContainerService/managedClusters")).Properties;

        Assert.True((bool)p["oidcIssuerProfile"]!["enabled"]!);
        Assert.True((bool)p["securityProfile"]!["workloadIdentity"]!["enabled"]!);
        Assert.True((bool)p["workloadAutoScalerProfile"]!["keda"]!["enabled"]!);
        Assert.True((bool)p["ingressProfile"]!["webAppRouting"]!["enabled"]!);
        Assert.True((bool)p["addonProfiles"]!["azureKeyvaultSecretsProvider"]!["enabled"]!);
        Assert.True((bool)p["addonProfiles"]!["omsagent"]!["enabled"]!);
        Assert.True((bool)p["azureMonitorProfile"]!["metrics"]!["enabled"]!);
        Assert.Equal("azure", (string?)p["networkProfile"]!["networkPlugin"]);
        Assert.Equal("overlay", (string?)p["networkProfile"]!["networkPluginMode"]);
        Assert.Equal("cilium", (string?)p["networkProfile"]!["networkPolicy"]);
        Assert.Equal("userAssignedNATGateway", (string?)p["networkProfile"]!["outboundType"]);
        Assert.NotNull(p["autoScalerProfile"]);

        var pools = p["agentPoolProfiles"]!.AsArray();
        Assert.Equal(["System", "User"], pools.Select(pool => (string)pool!["mode"]!));
        Assert.True((bool)pools[1]!["enableAutoScaling"]!);
    }

    [Fact]
    public void ManagedPrometheusAndContainerInsights_AreWiredToTheCluster()
    {
        var associations = template.OfType("Microsoft.Insights/dataCollectionRuleAssociations").ToList();

        Assert.Equal(3, associations.Count);
        Assert.Single(template.OfType("Microsoft.Monitor/accounts"));
        Assert.Single(template.OfType("Microsoft.Dashboard/grafana"));
        Assert.Single(template.OfType("Microsoft.Insights/components"));
    }
}
