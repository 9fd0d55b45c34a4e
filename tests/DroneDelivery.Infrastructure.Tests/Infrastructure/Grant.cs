using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DroneDelivery.Infrastructure.Tests.Infrastructure;

/// <summary>
/// One access grant: an ARM role assignment, a Cosmos DB SQL role assignment or an Azure Cache
/// for Redis access policy assignment. RoleDefinitionId is the role GUID, or the access policy
/// name for Redis. Scope is a resource type plus a name path ("{storage}/default/azure-webjobs-hosts").
/// </summary>
public sealed partial record Grant(string Principal, string Kind, string RoleDefinitionId, string ScopeType, string Scope, bool Conditional)
{
    public const string Rbac = "rbac";
    public const string CosmosSqlRole = "cosmosSqlRole";
    public const string RedisAccessPolicy = "redisAccessPolicy";

    public string Key => $"{Principal} | {Kind} | {RoleDefinitionId} | {ScopeType} {Scope}{(Conditional ? " (conditional)" : "")}";

    public override string ToString() => Key;

    /// <summary>Every grant in the compiled template; throws on a grant whose shape it cannot read.</summary>
    public static IReadOnlyList<Grant> FromTemplate(CompiledTemplate template)
    {
        var grants = new List<Grant>();
        foreach (var resource in template.Resources)
        {
            switch (resource.Type.ToLowerInvariant())
            {
                case "microsoft.authorization/roleassignments":
                    grants.Add(FromRoleAssignment(resource));
                    break;
                case "microsoft.documentdb/databaseaccounts/sqlroleassignments":
                    grants.Add(FromCosmosAssignment(resource));
                    break;
                case "microsoft.cache/redis/accesspolicyassignments":
                    grants.Add(FromRedisAssignment(resource));
                    break;
                default:
                    break;
            }
        }

        return grants;
    }

    /// <summary>The rows of infra/least-privilege.json.</summary>
    public static IReadOnlyList<Grant> FromTable(JsonObject table) =>
        table["assignments"]!.AsArray().Select(row => new Grant(
            (string)row!["principal"]!,
            (string)row["kind"]!,
            (string)row["roleDefinitionId"]!,
            (string)row["scopeType"]!,
            (string)row["scope"]!,
            row["conditional"]?.GetValue<bool>() ?? false)).ToList();

    private static Grant FromRoleAssignment(ArmResource resource)
    {
        var roleDefinition = resource.Resolve(resource.Properties["roleDefinitionId"])?.ToString();
        var role = ArmTemplate.LastGuid(roleDefinition) ?? Unreadable<string>(resource, "roleDefinitionId");
        var scopeExpression = (string?)resource.Resource["scope"] ?? Unreadable<string>(resource, "scope (assignments must be scoped to a resource)");
        var (scopeType, scope) = ArmTemplate.DecodeResourceId(scopeExpression) ?? Unreadable<(string, string)>(resource, "scope");
        return new Grant(PrincipalOf(resource, "principalId"), Rbac, role, scopeType, scope, resource.IsConditional);
    }

    private static Grant FromCosmosAssignment(ArmResource resource)
    {
        var role = ArmTemplate.LastGuid((string?)resource.Properties["roleDefinitionId"]) ?? Unreadable<string>(resource, "roleDefinitionId");
        var scopeExpression = (string?)resource.Properties["scope"] ?? Unreadable<string>(resource, "scope");
        var (scopeType, scope) = ArmTemplate.DecodeResourceId(scopeExpression) ?? Unreadable<(string, string)>(resource, "scope");
        return new Grant(PrincipalOf(resource, "principalId"), CosmosSqlRole, role, scopeType, scope, resource.IsConditional);
    }

    private static Grant FromRedisAssignment(ArmResource resource)
    {
        var policy = (string?)resource.Properties["accessPolicyName"] ?? Unreadable<string>(resource, "accessPolicyName");
        var segments = ArmTemplate.DecodeFormatArguments(resource.Name);
        var cache = segments.Count > 0 ? segments[0] : Unreadable<string>(resource, "name");
        return new Grant(PrincipalOf(resource, "objectId"), RedisAccessPolicy, policy, "Microsoft.Cache/redis", cache, resource.IsConditional);
    }

    private static string PrincipalOf(ArmResource resource, string property)
    {
        var expression = (string?)resource.Properties[property] ?? Unreadable<string>(resource, property);
        var member = PrincipalMember().Match(expression);
        if (member.Success)
        {
            return member.Groups[1].Success ? member.Groups[1].Value : member.Groups[2].Value;
        }

        return OperatorsGroup().IsMatch(expression) ? "operators" : Unreadable<string>(resource, property);
    }

    private static T Unreadable<T>(ArmResource resource, string what) =>
        throw new InvalidOperationException(
            $"Cannot read {what} of {resource}. Grants must follow the pattern of infra/modules/access/*.bicep so they can be checked against infra/least-privilege.json.");

    // principalIds.x, or principalIds['x'] in an expanded loop (infra/keyvault-secrets.json reads).
    [GeneratedRegex(@"^\[parameters\('principalIds'\)(?:\.(\w+)|\['(\w+)'\])\]$")]
    private static partial Regex PrincipalMember();

    [GeneratedRegex(@"^\[parameters\('operatorsGroupObjectId'\)\]$")]
    private static partial Regex OperatorsGroup();
}
