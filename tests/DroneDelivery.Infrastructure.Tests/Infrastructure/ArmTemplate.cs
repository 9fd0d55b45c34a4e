using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DroneDelivery.Infrastructure.Tests.Infrastructure;

/// <summary>
/// A template in the chain of nested deployments: its own JSON, the parameter values its
/// deployment passes (expressions of the parent), and the parent.
/// </summary>
public sealed partial record TemplateScope(JsonObject Template, JsonObject? Parameters, TemplateScope? Parent)
{
    /// <summary>
    /// Resolves "[variables('x')]", "[variables('x').a.b]", "[parameters('x')]" and
    /// "[parameters('x').a]" to the JSON they stand for, following module parameters into the
    /// parent template; null when the value is computed at deployment time.
    /// </summary>
    public JsonNode? Evaluate(string expression)
    {
        var m = Reference().Match(expression);
        if (!m.Success)
        {
            return null;
        }

        JsonNode? node = m.Groups["kind"].Value == "variables"
            ? Literal(Template["variables"]?[m.Groups["name"].Value], this)
            : Literal(Parameters?[m.Groups["name"].Value]?["value"], Parent);
        foreach (var member in m.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[member] : null;
        }

        return node;
    }

    private static JsonNode? Literal(JsonNode? value, TemplateScope? scope) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal)
            ? scope?.Evaluate(text)
            : value;

    [GeneratedRegex(@"^\[(?<kind>variables|parameters)\('(?<name>[^']+)'\)(?<path>(\.\w+)*)\]$")]
    private static partial Regex Reference();
}

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
    public static IEnumerable<ArmResource> AllResources(JsonObject template, string deployment = "main") =>
        AllResources(new TemplateScope(template, null, null), deployment);

    private static IEnumerable<ArmResource> AllResources(TemplateScope scope, string deployment)
    {
        foreach (var declared in ResourcesOf(scope.Template))
        {
            if (declared["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            foreach (var resource in ExpandCopy(declared, scope))
            {
                yield return new ArmResource(resource, scope.Template, deployment);
            }

            if ((string?)declared["type"] == "Microsoft.Resources/deployments"
                && declared["properties"]?["template"] is JsonObject nested)
            {
                var inner = new TemplateScope(nested, declared["properties"]?["parameters"] as JsonObject, scope);
                foreach (var resource in AllResources(inner, $"{deployment}/{(string?)declared["name"]}"))
                {
                    yield return resource;
                }
            }
        }
    }

    /// <summary>
    /// A resource loop ("copy") over an array known at compile time (a variable or module
    /// parameter that resolves to literal JSON, e.g. infra/keyvault-secrets.json) becomes one
    /// resource per element: "&lt;array&gt;[copyIndex()].field" is replaced by the element's
    /// field (a quoted literal, or the expression it holds). Other loops stay as declared.
    /// </summary>
    public static IEnumerable<JsonObject> ExpandCopy(JsonObject resource, TemplateScope scope)
    {
        var count = (string?)resource["copy"]?["count"];
        var loop = count is null ? null : CopyCount().Match(count);
        if (loop is not { Success: true } || scope.Evaluate($"[{loop.Groups[1].Value}]") is not JsonArray items)
        {
            yield return resource;
            yield break;
        }

        var array = loop.Groups[1].Value;
        var element = new Regex(Regex.Escape($"{array}[copyIndex()]") + @"\.(\w+)");
        foreach (var item in items)
        {
            var copy = JsonNode.Parse(Substitute(resource, element, item))!.AsObject();
            copy.Remove("copy");
            yield return copy;
        }
    }

    private static string Substitute(JsonObject resource, Regex element, JsonNode? item)
    {
        var clone = JsonNode.Parse(resource.ToJsonString())!;
        Rewrite(clone, value =>
        {
            // "[<array>[copyIndex()].field]" with a literal field is that literal.
            var whole = element.Match(value);
            if (whole.Success && whole.Index == 1 && whole.Length == value.Length - 2 && value[0] == '[' && value[^1] == ']'
                && item?[whole.Groups[1].Value] is JsonValue literal && literal.TryGetValue<string>(out var plain) && !plain.StartsWith('['))
            {
                return plain;
            }

            return element.Replace(value, m =>
        {
            var field = item?[m.Groups[1].Value];
            var text = field?.GetValue<string>() ?? "";
            return text.StartsWith('[') ? text[1..^1] : $"'{text}'";
        });
        });
        return clone.ToJsonString();
    }

    private static void Rewrite(JsonNode node, Func<string, string> rewrite)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (o[key] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        o[key] = rewrite(s);
                    }
                    else if (o[key] is { } child)
                    {
                        Rewrite(child, rewrite);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        a[i] = rewrite(s);
                    }
                    else if (a[i] is { } child)
                    {
                        Rewrite(child, rewrite);
                    }
                }

                break;
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
        if (member.Success)
        {
            return $"{{{member.Groups[1].Value}}}";
        }

        // A name passed in as a parameter ("parameters('ingressCertificateName')") → "{ingressCertificateName}".
        var parameter = ParameterReference().Match(argument);
        return parameter.Success ? $"{{{parameter.Groups[1].Value}}}" : "{?}";
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

    [GeneratedRegex(@"^\[length\(((?:variables|parameters)\('[^']+'\)(?:\.\w+)*)\)\]$")]
    private static partial Regex CopyCount();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\.(\w+)\s*$")]
    private static partial Regex TrailingMember();

    [GeneratedRegex(@"^parameters\('(\w+)'\)$")]
    private static partial Regex ParameterReference();
}
