using System.Text.Json.Nodes;
using DroneDelivery.Infrastructure.Tests.Infrastructure;

namespace DroneDelivery.Infrastructure.Tests;

/// <summary>The compiled template grants exactly what infra/least-privilege.json lists.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class LeastPrivilegeTests(CompiledTemplate template)
{
    private static readonly string[] _services = ["ingestion", "workflow", "delivery", "dronescheduler", "package"];

    // Built-in roles that would let a principal change resources or hand out access.
    private static readonly Dictionary<string, string> _forbiddenRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["f58310d9-a9f6-439a-9e8d-f62e7b41a168"] = "Role Based Access Control Administrator",
    };

    private static JsonObject Table => JsonNode.Parse(File.ReadAllText(RepositoryRoot.PathOf("infra", "least-privilege.json")))!.AsObject();

    [Fact]
    public void RoleAssignmentsInTheCompiledTemplate_MatchTheLeastPrivilegeTable_RowForRow()
    {
        var compiled = Grant.FromTemplate(template).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var listed = Grant.FromTable(Table).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();

        var extra = compiled.Except(listed).ToList();
        var missing = listed.Except(compiled).ToList();
        Assert.True(extra.Count == 0 && missing.Count == 0,
            $"Granted by the template but not in infra/least-privilege.json:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", extra)}{Environment.NewLine}"
            + $"Listed but not granted:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", missing)}");
        Assert.Equal(listed.Count, compiled.Count);
    }

    [Fact]
    public void EveryService_HasAtLeastOneGrant_AndTheTableNamesOnlyKnownPrincipals()
    {
        var grants = Grant.FromTable(Table);
        foreach (var service in _services)
        {
            Assert.Contains(grants, g => g.Principal == service);
        }

        string[] platform = ["keda", "aksControlPlane", "kubelet", "grafana", "appRouting", "operators", "secretsScript", "appGateway"];
        Assert.All(grants, g => Assert.Contains(g.Principal, _services.Concat(platform)));
    }

    [Fact]
    public void NoPrincipal_IsGrantedOwnerContributorOrUserAccessAdministrator()
    {
        var grants = Grant.FromTemplate(template);

        Assert.NotEmpty(grants);
        Assert.All(grants, g => Assert.False(
            _forbiddenRoles.ContainsKey(g.RoleDefinitionId),
            $"{g} grants {_forbiddenRoles.GetValueOrDefault(g.RoleDefinitionId)}"));
        Assert.Empty(template.OfType("Microsoft.Authorization/roleDefinitions"));
    }

    [Fact]
    public void NoGrant_IsScopedToTheSubscriptionOrTheResourceGroup()
    {
        var scopeTypes = Grant.FromTemplate(template).Select(g => g.ScopeType).ToList();

        Assert.DoesNotContain("Microsoft.Resources/resourceGroups", scopeTypes, StringComparer.OrdinalIgnoreCase);
        Assert.All(scopeTypes, t => Assert.Contains('/', t));
        Assert.DoesNotContain(template.OfType("Microsoft.Authorization/roleAssignments"), r => r.Deployment == "main");
    }

    [Fact]
    public void IngestionOnlySendsAndKeepsIdempotencyKeys_WorkflowReceivesAndReplaysOnItsQueueOnly_AndDeliveryOnlyReachesRedis()
    {
        // Besides their own host keys (Key Vault secrets, KeyVaultSecretsTests).
        var byService = Grant.FromTemplate(template).Where(g => g.ScopeType != "Microsoft.KeyVault/vaults/secrets").ToLookup(g => g.Principal);
        const string hostStorage = "{storage}/default/azure-webjobs-hosts";

        Assert.Equal(
            ["69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Idempotency Keys"],
            byService["ingestion"].Where(g => g.Scope != hostStorage).Select(g => g.RoleDefinitionId).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["{serviceBus}/deliveryrequests 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "{serviceBus}/deliveryrequests 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"],
            byService["workflow"].Where(g => g.ScopeType.StartsWith("Microsoft.ServiceBus", StringComparison.Ordinal)).Select(g => $"{g.Scope} {g.RoleDefinitionId}").Order(StringComparer.Ordinal));
        Assert.Equal(
            [Grant.RedisAccessPolicy],
            byService["delivery"].Where(g => g.Scope != hostStorage).Select(g => g.Kind));
    }
}
