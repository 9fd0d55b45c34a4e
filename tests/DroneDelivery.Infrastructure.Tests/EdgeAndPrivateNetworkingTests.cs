using System.Text.Json.Nodes;
using DroneDelivery.Infrastructure.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DroneDelivery.Infrastructure.Tests;

/// <summary>
/// Prod: PaaS services only through private endpoints, the ingress behind an Application
/// Gateway WAF in Prevention mode; chart values and GitOps agree with what infra creates.
/// The compiled template serves both environments, so "prod" is read from its conditions:
/// isProd = environmentName == 'prod' drives privateNetworking and applicationGateway.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class EdgeAndPrivateNetworkingTests(CompiledTemplate template)
{
    private const string PublicAccessFollowsPrivateNetworking = "[if(parameters('privateNetworking'), 'Disabled', 'Enabled')]";

    // PaaS resource type → the private endpoint sub-resources each of its resources needs.
    private static readonly (string Type, string[] GroupIds)[] _paas =
    [
        ("Microsoft.KeyVault/vaults", ["vault"]),
        ("Microsoft.ContainerRegistry/registries", ["registry"]),
        ("Microsoft.ServiceBus/namespaces", ["namespace"]),
        ("Microsoft.Cache/redis", ["redisCache"]),
    ];

    [Fact]
    public void ProdIsWhatTurnsOnPrivateNetworkingAndTheGateway()
    {
        var variables = template.Root["variables"]!;

        Assert.Equal("[equals(parameters('environmentName'), 'prod')]", (string?)variables["isProd"]);
        Assert.Equal("[variables('isProd')]", (string?)variables["privateNetworking"]);
        Assert.Equal("[variables('isProd')]", (string?)variables["applicationGateway"]);
        Assert.Equal("[variables('privateNetworking')]", (string?)Module("private-endpoints").Resource["condition"]);
        Assert.Equal("[variables('applicationGateway')]", (string?)Module("edge").Resource["condition"]);
        Assert.Equal("[if(variables('isProd'), createObject('value', 'Premium'), createObject('value', 'Standard'))]", (string?)Module("registry").Properties["parameters"]!["sku"]);
        Assert.Equal("[if(variables('isProd'), createObject('value', 'Premium'), createObject('value', 'Standard'))]", (string?)Module("messaging").Properties["parameters"]!["sku"]);
    }

    [Fact]
    public void InProd_EveryPaaSResource_HasPublicNetworkAccessDisabled_AndAPrivateEndpoint()
    {
        var endpoints = Endpoints();
        var checkedResources = 0;
        foreach (var resource in PaaSResources())
        {
            var access = (string?)resource.Properties["publicNetworkAccess"];
            if (access != "Disabled")
            {
                Assert.Equal(PublicAccessFollowsPrivateNetworking, access);
                var module = Module(resource.Deployment["main/".Length..]);
                Assert.Equal("[variables('privateNetworking')]", (string?)module.Properties["parameters"]!["privateNetworking"]!["value"]);
            }

            var name = ArmTemplate.DecodeResourceId($"[resourceId('{resource.Type}', {((string)resource.Resource["name"]!)[1..^1]})]")!.Value.Path;
            var expected = resource.Type switch
            {
                "Microsoft.DocumentDB/databaseAccounts" => [(string?)resource.Resource["kind"] == "MongoDB" ? "MongoDB" : "Sql"],
                "Microsoft.Storage/storageAccounts" => name == "{storage}" ? ["blob", "queue", "table"] : (string[])["file"],
                _ => _paas.Single(p => p.Type == resource.Type).GroupIds,
            };
            foreach (var groupId in expected)
            {
                Assert.True(endpoints.Contains((resource.Type, name, groupId)), $"{resource} ({name}) has no private endpoint for {groupId}; endpoints: {string.Join(", ", endpoints)}");
            }

            checkedResources++;
        }

        // 2 vaults, registry, Service Bus, 2 Cosmos accounts, Redis, 2 storage accounts
        Assert.Equal(9, checkedResources);
    }

    [Fact]
    public void EveryPrivateEndpoint_IsInThePrivateEndpointSubnet_AndRegisteredInALinkedZone()
    {
        var module = Module("private-endpoints");
        Assert.Contains("outputs.privateEndpointSubnetId.value", (string?)module.Properties["parameters"]!["subnetId"]!["value"], StringComparison.Ordinal);
        Assert.Contains("outputs.vnetId.value", (string?)module.Properties["parameters"]!["vnetId"]!["value"], StringComparison.Ordinal);

        var links = Assert.Single(template.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks"));
        Assert.Equal("[parameters('vnetId')]", (string?)links.Properties["virtualNetwork"]!["id"]);
        Assert.False((bool)links.Properties["registrationEnabled"]!);
        Assert.Equal(11, template.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").Count(g => g.Deployment == "main/private-endpoints"));
        Assert.Equal(11, Endpoints().Count);
    }

    [Fact]
    public void InProd_AWafPolicyInPreventionMode_IsAttachedToTheGatewayInFrontOfTheIngressHost()
    {
        var edge = Module("edge");
        Assert.Equal("Prevention", (string?)edge.Properties["parameters"]!["wafMode"]!["value"]);
        Assert.Equal("[parameters('ingressHost')]", (string?)edge.Properties["parameters"]!["ingressHost"]!["value"]);
        Assert.Contains("outputs.ingressPrivateIp.value", (string?)edge.Properties["parameters"]!["backendAddress"]!["value"], StringComparison.Ordinal);

        var policy = Assert.Single(template.OfType("Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies"));
        Assert.Equal("[parameters('wafMode')]", (string?)policy.Properties["policySettings"]!["mode"]);
        Assert.Equal("Enabled", (string?)policy.Properties["policySettings"]!["state"]);
        Assert.Contains(policy.Properties["managedRules"]!["managedRuleSets"]!.AsArray(),
            r => (string?)r!["ruleSetType"] is "Microsoft_DefaultRuleSet" or "OWASP");

        var gateway = Assert.Single(template.OfType("Microsoft.Network/applicationGateways"));
        var p = gateway.Properties;
        Assert.Equal("WAF_v2", (string?)p["sku"]!["tier"]);
        Assert.Equal("[resourceId('Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', variables('n').wafPolicy)]", (string?)p["firewallPolicy"]!["id"]);
        Assert.All(p["httpListeners"]!.AsArray(), l => Assert.Equal("[parameters('ingressHost')]", (string?)l!["properties"]!["hostName"]));
        var https = Assert.Single(p["httpListeners"]!.AsArray(), l => (string?)l!["properties"]!["protocol"] == "Https")!;
        Assert.NotNull(https["properties"]!["sslCertificate"]);
        Assert.Equal("[parameters('backendAddress')]", (string?)p["backendAddressPools"]![0]!["properties"]!["backendAddresses"]![0]!["ipAddress"]);
        Assert.Equal("[parameters('ingressHost')]", (string?)p["backendHttpSettingsCollection"]![0]!["properties"]!["hostName"]);
    }

    [Fact]
    public void TheNginxAddressTheGatewayTargets_IsTheOneGitOpsPinsTheInternalLoadBalancerTo()
    {
        var sample = SampleOutputs("prod");
        var manifest = Load(File.ReadAllText(RepositoryRoot.PathOf("gitops", "clusters", "prod", "ingress-controller.yaml")));
        var annotations = (YamlMappingNode)((YamlMappingNode)manifest.Children[new YamlScalarNode("spec")]).Children[new YamlScalarNode("loadBalancerAnnotations")];

        Assert.Equal("true", Text(annotations, "service.beta.kubernetes.io/azure-load-balancer-internal"));
        Assert.Equal("snet-ingress", Text(annotations, "service.beta.kubernetes.io/azure-load-balancer-internal-subnet"));
        Assert.Equal((string?)sample["ingressPrivateIp"]!["value"], Text(annotations, "service.beta.kubernetes.io/azure-load-balancer-ipv4"));
        Assert.Contains("ingress-controller.yaml", File.ReadAllText(RepositoryRoot.PathOf("gitops", "clusters", "prod", "kustomization.yaml")), StringComparison.Ordinal);

        // network.bicep: 10.40.0.0/16 → snet-ingress 10.40.18.0/24 → host index 9 = 10.40.18.10.
        var network = Module("network").Properties["template"]!;
        Assert.Equal("10.40.0.0/16", (string?)network["parameters"]!["addressPrefix"]!["defaultValue"]);
        Assert.Equal("[cidrSubnet(parameters('addressPrefix'), 24, 18)]", (string?)network["variables"]!["ingressPrefix"]);
        Assert.Equal("[cidrHost(variables('ingressPrefix'), 9)]", (string?)network["outputs"]!["ingressPrivateIp"]!["value"]);
        Assert.Equal("10.40.18.10", (string?)sample["ingressPrivateIp"]!["value"]);
    }

    [Fact]
    public void ProductionEgressValues_AreThePrivateEndpointSubnetInfraCreates()
    {
        var network = Module("network").Properties["template"]!;
        Assert.Equal("[cidrSubnet(parameters('addressPrefix'), 24, 16)]", (string?)network["variables"]!["privateEndpointPrefix"]);
        Assert.Equal(["10.40.16.0/24"], SampleOutputs("prod")["azureEgressCidrs"]!["value"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(["0.0.0.0/0"], SampleOutputs("dev")["azureEgressCidrs"]!["value"]!.AsArray().Select(c => (string)c!));

        var values = Load(File.ReadAllText(RepositoryRoot.PathOf("charts", "dronedelivery", "values-production.yaml")));
        var egress = (YamlSequenceNode)((YamlMappingNode)values.Children[new YamlScalarNode("networkPolicy")]).Children[new YamlScalarNode("azureEgress")];
        Assert.Equal(["10.40.16.0/24"], egress.Select(e => Text((YamlMappingNode)e, "cidr")));

        var committed = Load(File.ReadAllText(RepositoryRoot.PathOf("gitops", "clusters", "prod", "infra-values.yaml")));
        var infraEgress = (YamlSequenceNode)((YamlMappingNode)committed.Children[new YamlScalarNode("networkPolicy")]).Children[new YamlScalarNode("azureEgress")];
        Assert.Equal(["10.40.16.0/24"], infraEgress.Select(e => Text((YamlMappingNode)e, "cidr")));
    }

    private ArmResource Module(string name) =>
        Assert.Single(template.OfType("Microsoft.Resources/deployments"), d => d.Deployment == "main" && d.Name == name);

    private IEnumerable<ArmResource> PaaSResources() =>
        template.Resources.Where(r => _paas.Any(p => p.Type == r.Type)
            || r.Type is "Microsoft.DocumentDB/databaseAccounts" or "Microsoft.Storage/storageAccounts");

    /// <summary>(service type, name path, group id) of every private endpoint.</summary>
    private HashSet<(string Type, string Name, string GroupId)> Endpoints() =>
        template.OfType("Microsoft.Network/privateEndpoints").Select(e =>
        {
            var connection = e.Properties["privateLinkServiceConnections"]![0]!["properties"]!;
            var (type, name) = ArmTemplate.DecodeResourceId((string)connection["privateLinkServiceId"]!)
                ?? throw new InvalidOperationException($"unreadable private endpoint {e}");
            var groupId = (string)connection["groupIds"]![0]!;
            Assert.Equal("[parameters('subnetId')]", (string?)e.Properties["subnet"]!["id"]);
            return (type, name, groupId);
        }).ToHashSet();

    private static JsonObject SampleOutputs(string environment) =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.PathOf("infra", "samples", $"deployment-outputs.{environment}.json")))!.AsObject();

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;
}
