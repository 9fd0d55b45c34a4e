using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DroneDelivery.Infrastructure.Tests.Infrastructure;

/// <summary>One resource of a compiled template, with the (nested) template that declares it.</summary>
public sealed record ArmResource(JsonObject Resource, JsonObject Template, string Deployment)
{
    public string Type => (string)Resource["type"]!;

    public string Name => (string)Resource["name"]!;

    /// <summary>The properties object, resolved when Bicep emitted it as a variable ("[variables('x')]").</summary>
    public JsonObject Properties => Resolve(Resource["properties"])?.AsObject() ?? [];

    public bool IsConditional => Resource["condition"] is not null;

    /// <summary>A property value, with "[variables('x')]" resolved against the declaring template.</summary>
    public JsonNode? Resolve(JsonNode? value) => ArmTemplate.Resolve(value, Template);

    public override string ToString() => $"{Deployment}: {Type} {Name}";
}

/// <summary>Reads compiled ARM JSON: walks nested deployments and decodes the few expression shapes Bicep emits.</summary>
public static partial class ArmTemplate
{
    public static IEnumerable<ArmResource> AllResources(JsonObject template, string deployment = "main")
    {
        foreach (var resource in ResourcesOf(template))
        {
            if (resource["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            yield return new ArmResource(resource, template, deployment);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments"
                && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested, $"{deployment}/{(string?)resource["name"]}"))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Resources are an array (language version 1) or an object keyed by symbolic name (2.0).</summary>
    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    public static JsonNode? Resolve(JsonNode? value, JsonObject template)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && VariableReference().Match(text) is { Success: true } m)
        {
            return template["variables"]?[m.Groups[1].Value];
        }

        return value;
    }

    /// <summary>The last GUID in an expression (role definition ids, Cosmos SQL role definitions).</summary>
    public static string? LastGuid(string? expression) =>
        expression is null ? null : Guid().Matches(expression).LastOrDefault()?.Value;

    /// <summary>
    /// Decodes "[resourceId('Type', a, 'b')]" (or a scope expression containing one) into the
    /// resource type and a name path: quoted literals stay as written, generated names
    /// ("variables('n').storage", "...).vnet") become "{storage}", "{vnet}".
    /// </summary>
    public static (string Type, string Path)? DecodeResourceId(string expression)
    {
        var start = expression.IndexOf("resourceId(", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var arguments = SplitArguments(expression, start + "resourceId(".Length);
        if (arguments.Count == 0)
        {
            return null;
        }

        return (Unquote(arguments[0]), string.Join('/', arguments.Skip(1).Select(NameSegment)));
    }

    /// <summary>"[format('{0}/{1}', variables('n').redis, 'delivery')]" → ["{redis}", "delivery"].</summary>
    public static IReadOnlyList<string> DecodeFormatArguments(string expression)
    {
        var start = expression.IndexOf("format(", StringComparison.Ordinal);
        return start < 0 ? [] : SplitArguments(expression, start + "format(".Length).Skip(1).Select(NameSegment).ToList();
    }

    private static string NameSegment(string argument)
    {
        argument = argument.Trim();
        if (argument.StartsWith('\''))
        {
            return Unquote(argument);
        }

        var member = TrailingMember().Match(argument);
        return member.Success ? $"{{{member.Groups[1].Value}}}" : "{?}";
    }

    private static string Unquote(string argument) => argument.Trim().Trim('\'');

    private static List<string> SplitArguments(string text, int index)
    {
        var arguments = new List<string>();
        var depth = 0;
        var inQuote = false;
        var current = index;
        for (var i = index; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                inQuote = !inQuote;
            }
            else if (!inQuote && c == '(')
            {
                depth++;
            }
            else if (!inQuote && c == ')')
            {
                if (depth == 0)
                {
                    arguments.Add(text[current..i]);
                    return arguments;
                }

                depth--;
            }
            else if (!inQuote && depth == 0 && c == ',')
            {
                arguments.Add(text[current..i]);
                current = i + 1;
            }
        }

        return arguments;
    }

    [GeneratedRegex(@"^\[variables\('(\w+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\.(\w+)\s*$")]
    private static partial Regex TrailingMember();
}
