using System.Text.Json.Nodes;
using DroneDelivery.Infrastructure.Tests.Infrastructure;

namespace DroneDelivery.Infrastructure.Tests;

/// <summary>One user-assigned identity per service, trusted only by its Kubernetes ServiceAccount.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class IdentityTests(CompiledTemplate template)
{
    private const string FederatedCredential = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";

    private static JsonObject Table => JsonNode.Parse(File.ReadAllText(RepositoryRoot.PathOf("infra", "least-privilege.json")))!.AsObject();

    public static TheoryData<string> Services => ["ingestion", "workflow", "delivery", "dronescheduler", "package"];

    [Theory]
    [MemberData(nameof(Services))]
    public void EachServiceIdentity_HasAFederatedCredential_ForItsOwnServiceAccount(string service)
    {
        var credentials = template.OfType(FederatedCredential)
            .Where(r => r.Name.Contains($".serviceIdentities.{service},", StringComparison.Ordinal))
            .ToList();

        var credential = Assert.Single(credentials);
        Assert.Equal(
            $"[format('system:serviceaccount:{{0}}:{{1}}', parameters('kubernetesNamespace'), parameters('serviceAccountNames').{service})]",
            (string?)credential.Properties["subject"]);
        Assert.Equal("[parameters('oidcIssuerUrl')]", (string?)credential.Properties["issuer"]);
        Assert.Equal(["api://AzureADTokenExchange"], Audiences(credential));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void TheDefaultServiceAccountName_IsTheOneTheTableAndTheChartUse(string service)
    {
        var defaults = template.Root["parameters"]!["serviceAccountNames"]!["defaultValue"]!;

        Assert.Equal($"dronedelivery-{service}", (string?)defaults[service]);
        Assert.Equal((string?)Table["workloads"]![service]!["serviceAccount"], (string?)defaults[service]);
    }

    [Fact]
    public void TheFederationModule_ReceivesTheNamespaceServiceAccountsAndTheClustersIssuer()
    {
        Assert.Equal("dronedelivery", (string?)template.Root["parameters"]!["kubernetesNamespace"]!["defaultValue"]);
        var federation = Assert.Single(template.OfType("Microsoft.Resources/deployments"), d => d.Name == "federation");
        var parameters = federation.Properties["parameters"]!;

        Assert.Equal("[parameters('kubernetesNamespace')]", (string?)parameters["kubernetesNamespace"]!["value"]);
        Assert.Equal("[parameters('serviceAccountNames')]", (string?)parameters["serviceAccountNames"]!["value"]);
        Assert.Contains("'aks'", (string?)parameters["oidcIssuerUrl"]!["value"], StringComparison.Ordinal);
        Assert.Contains("outputs.oidcIssuerUrl.value", (string?)parameters["oidcIssuerUrl"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public void TheKedaIdentity_TrustsOnlyTheKedaOperatorServiceAccount()
    {
        var keda = Table["operators"]!["keda"]!;
        var credential = Assert.Single(template.OfType(FederatedCredential), r => r.Name.Contains(".kedaIdentity,", StringComparison.Ordinal));

        Assert.Equal(
            $"system:serviceaccount:{(string?)keda["namespace"]}:{(string?)keda["serviceAccount"]}",
            (string?)credential.Properties["subject"]);
        Assert.Equal(6, template.OfType(FederatedCredential).Count());
    }

    [Fact]
    public void EveryIdentity_IsUserAssigned_AndNoServiceSharesOne()
    {
        var identities = template.OfType("Microsoft.ManagedIdentity/userAssignedIdentities").Select(r => r.Name).ToList();

        // five services, KEDA, the AKS control plane, the secrets script, the Application Gateway
        Assert.Equal(9, identities.Count);
        Assert.Equal(identities.Count, identities.Distinct(StringComparer.Ordinal).Count());
    }

    private static IEnumerable<string> Audiences(ArmResource credential) =>
        credential.Resolve(credential.Properties["audiences"])!.AsArray().Select(a => (string)a!);
}
