using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DroneDelivery.Infrastructure.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DroneDelivery.Infrastructure.Tests;

/// <summary>
/// The Key Vault secrets the chart mounts exist after a deployment: the secrets script creates
/// each one when absent (never overwriting), and each app reads only the secrets it mounts.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class KeyVaultSecretsTests(CompiledTemplate template) : IDisposable
{
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private static readonly string[] _services = ["ingestion", "workflow", "delivery", "dronescheduler", "package"];

    private readonly string _work = Directory.CreateTempSubdirectory("dronedelivery-secrets-").FullName;

    [Fact]
    public void EverySecretTheProductionChartMounts_IsCreatedByTheDeployment()
    {
        var created = template.KeyVaultSecretNames;
        var mounted = MountedSecretsByApp().SelectMany(p => p.Value).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(mounted);
        Assert.All(mounted, name => Assert.Contains(name, created));
        Assert.Contains("mongo-connection-string", created);
        Assert.Contains("workflow-host-systemkey-durabletask-extension", created);
        foreach (var service in _services)
        {
            Assert.Contains($"{service}-host-master", created);
            Assert.Contains($"{service}-host-function-default", created);
        }
    }

    [Fact]
    public void TheSecretList_IsOutputByNameOnly_AndTheSamplesListTheSameNames()
    {
        var output = template.Root["outputs"]!["keyVaultSecretNames"]!;
        Assert.Equal("[map(variables('keyVaultSecrets').secrets, lambda('s', lambdaVariables('s').name))]", (string?)output["value"]);

        foreach (var environment in new[] { "dev", "prod" })
        {
            var sample = JsonNode.Parse(File.ReadAllText(RepositoryRoot.PathOf("infra", "samples", $"deployment-outputs.{environment}.json")))!;
            Assert.Equal(template.KeyVaultSecretNames, sample["keyVaultSecretNames"]!["value"]!.AsArray().Select(n => (string)n!).ToList());
        }
    }

    [Fact]
    public void EachAppIdentity_ReadsExactlyTheSecretsItsSecretProviderClassesMount()
    {
        var mounted = MountedSecretsByApp();
        var grants = Grant.FromTemplate(template).Where(g => _services.Contains(g.Principal)).ToList();

        foreach (var service in _services)
        {
            var read = grants
                .Where(g => g.Principal == service && g.ScopeType == "Microsoft.KeyVault/vaults/secrets")
                .Select(g =>
                {
                    Assert.Equal(KeyVaultSecretsUser, g.RoleDefinitionId);
                    Assert.StartsWith("{appVault}/", g.Scope, StringComparison.Ordinal);
                    return g.Scope["{appVault}/".Length..];
                })
                .Order(StringComparer.Ordinal)
                .ToList();
            var expected = mounted.GetValueOrDefault(service, [])
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();

            Assert.Equal(expected, read);
        }

        // No app may read the vault as a whole (or anything else in Key Vault).
        Assert.DoesNotContain(grants, g => g.ScopeType.StartsWith("Microsoft.KeyVault/", StringComparison.Ordinal)
            && g.ScopeType != "Microsoft.KeyVault/vaults/secrets");
    }

    [Fact]
    public void TheSecretsScript_GuardsEverySetWithAnExistenceCheck()
    {
        var script = File.ReadAllText(RepositoryRoot.PathOf("infra", "scripts", "ensure-secrets.sh"));
        var deploymentScript = Assert.Single(template.OfType("Microsoft.Resources/deploymentScripts"));

        var content = (string)deploymentScript.Properties["scriptContent"]!;
        Assert.Matches(@"^\[variables\('\$fxv#\d+'\)\]$", content);
        Assert.Equal(script, (string?)deploymentScript.Template["variables"]![content["[variables('".Length..^"')]".Length]]);
        Assert.Equal("AzureCLI", (string?)deploymentScript.Resource["kind"]);
        Assert.Contains("az keyvault \"${kind}\" show --vault-name", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--overwrite", script, StringComparison.Ordinal);

        // One place writes a secret, and it is reached only after "exists secret" said absent.
        Assert.Single(Regex.Matches(script, @"az keyvault secret set\b"));
        var ensure = script[script.IndexOf("ensure_secret() {", StringComparison.Ordinal)..];
        ensure = ensure[..ensure.IndexOf("\n}\n", StringComparison.Ordinal)];
        Assert.Matches(@"^ensure_secret\(\) \{\n(\s*local [^\n]*\n)\s*if exists secret ""\$\{VAULT_NAME\}"" ""\$\{name\}""; then\n\s*kept\+=\(""\$\{name\}""\)\n\s*return\n", ensure);
        Assert.Equal(2, Regex.Count(script, @"set_secret ""\$\{name\}"""));
        Assert.Equal(2, Regex.Count(ensure, @"set_secret ""\$\{name\}"""));
    }

    [Fact]
    public void TheSecretsScript_CreatesWhatIsAbsent_KeepsWhatExists_AndIsIdempotent()
    {
        var state = Directory.CreateDirectory(Path.Combine(_work, "vaults")).FullName;
        Directory.CreateDirectory(Path.Combine(state, "kv", "secrets"));
        Directory.CreateDirectory(Path.Combine(state, "kvc", "certificates"));
        // Rotated by an operator: must survive.
        File.WriteAllText(Path.Combine(state, "kv", "secrets", "workflow-host-master"), "rotated-by-operator");
        File.WriteAllText(Path.Combine(state, "kv", "secrets", "mongo-connection-string"), "mongodb://rotated");

        var first = RunScript(state);
        Assert.True(first.Succeeded, first.ToString());

        var names = template.KeyVaultSecretNames;
        foreach (var name in names)
        {
            var value = File.ReadAllText(Path.Combine(state, "kv", "secrets", name));
            if (name == "workflow-host-master")
            {
                Assert.Equal("rotated-by-operator", value);
            }
            else if (name == "mongo-connection-string")
            {
                Assert.Equal("mongodb://rotated", value);
            }
            else
            {
                // 48 random bytes, base64url without padding.
                Assert.Matches("^[A-Za-z0-9_-]{64}$", value);
            }
        }

        Assert.Equal(names.Count - 2, names.Where(n => n is not "workflow-host-master" and not "mongo-connection-string")
            .Select(n => File.ReadAllText(Path.Combine(state, "kv", "secrets", n))).Distinct().Count());
        Assert.True(File.Exists(Path.Combine(state, "kvc", "certificates", "dronedelivery-tls")));

        var snapshot = names.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(state, "kv", "secrets", n)));
        var second = RunScript(state);
        Assert.True(second.Succeeded, second.ToString());
        Assert.All(names, n => Assert.Equal(snapshot[n], File.ReadAllText(Path.Combine(state, "kv", "secrets", n))));
        Assert.DoesNotContain("secret set", File.ReadAllText(Path.Combine(state, "calls-2")), StringComparison.Ordinal);
        Assert.DoesNotContain("certificate create", File.ReadAllText(Path.Combine(state, "calls-2")), StringComparison.Ordinal);

        // The script's outputs name secrets, never values.
        var outputs = File.ReadAllText(Path.Combine(state, "outputs.json"));
        Assert.All(snapshot.Values, value => Assert.DoesNotContain(value, outputs, StringComparison.Ordinal));
    }

    [Fact]
    public void NoOutput_CarriesASecretValue()
    {
        var outputs = template.Root["outputs"]!.ToJsonString();

        Assert.DoesNotContain("list", outputs.Replace("listConnectionStrings", "LIST", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("LIST", outputs, StringComparison.Ordinal);
        Assert.DoesNotContain("deploymentScripts", outputs, StringComparison.OrdinalIgnoreCase);
        Assert.All(template.Resources.Where(r => r.Type == "Microsoft.Resources/deployments"),
            d => Assert.DoesNotContain("listConnectionStrings", d.Resource["properties"]!["template"]?["outputs"]?.ToJsonString() ?? "", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>objectName of every SecretProviderClass the production chart renders, by app (via its clientID).</summary>
    private Dictionary<string, List<string>> MountedSecretsByApp()
    {
        var root = RepositoryRoot.Locate();
        var helm = ProcessRunner.Run("bash", root, Path.Combine(root, "eng", "get-helm.sh"));
        Assert.True(helm.Succeeded, $"helm could not be obtained: {helm}");
        var outputsFile = RepositoryRoot.PathOf("infra", "samples", "deployment-outputs.prod.json");
        var convert = ProcessRunner.Run("bash", root, Path.Combine(root, "eng", "infra-outputs-to-values.sh"), outputsFile);
        Assert.True(convert.Succeeded, convert.ToString());
        var values = Path.Combine(_work, "infra-prod.yaml");
        File.WriteAllText(values, convert.StandardOutput);
        var chart = Path.Combine(root, "charts", "dronedelivery");
        var render = ProcessRunner.Run(helm.StandardOutput.Trim().Split('\n')[^1], root,
            "template", "dronedelivery", chart, "--namespace", "dronedelivery",
            "-f", Path.Combine(chart, "values-production.yaml"), "-f", values);
        Assert.True(render.Succeeded, render.ToString());

        var clientIds = JsonNode.Parse(File.ReadAllText(outputsFile))!["serviceClientIds"]!["value"]!.AsObject()
            .ToDictionary(p => (string)p.Value!, p => p.Key);
        var stream = new YamlStream();
        stream.Load(new StringReader(render.StandardOutput));
        var result = new Dictionary<string, List<string>>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode doc || Text(doc, "kind") != "SecretProviderClass")
            {
                continue;
            }

            var parameters = (YamlMappingNode)((YamlMappingNode)doc.Children[new YamlScalarNode("spec")]).Children[new YamlScalarNode("parameters")];
            var app = clientIds[Text(parameters, "clientID")!];
            var objects = new YamlStream();
            objects.Load(new StringReader(Text(parameters, "objects")!));
            foreach (var item in (YamlSequenceNode)((YamlMappingNode)objects.Documents[0].RootNode).Children[new YamlScalarNode("array")])
            {
                var entry = new YamlStream();
                entry.Load(new StringReader(((YamlScalarNode)item).Value!));
                var mapping = (YamlMappingNode)entry.Documents[0].RootNode;
                Assert.Equal("secret", Text(mapping, "objectType"));
                result.TryAdd(app, []);
                result[app].Add(Text(mapping, "objectName")!);
            }
        }

        return result;
    }

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    /// <summary>Runs infra/scripts/ensure-secrets.sh against a fake az that keeps vaults as folders.</summary>
    private ProcessResult RunScript(string state)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        var az = Path.Combine(bin, "az");
        File.WriteAllText(az, FakeAz);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var run = Directory.GetFiles(state, "calls-*").Length + 1;
        var functionKeys = string.Join(' ', template.KeyVaultSecretNames.Where(n => n != "mongo-connection-string"));
        var script = RepositoryRoot.PathOf("infra", "scripts", "ensure-secrets.sh");
        return ProcessRunner.Run("env", RepositoryRoot.Locate(),
            $"PATH={bin}:{Environment.GetEnvironmentVariable("PATH")}",
            $"FAKE_AZ_STATE={state}",
            $"FAKE_AZ_CALLS={Path.Combine(state, $"calls-{run}")}",
            "VAULT_NAME=kv", $"FUNCTION_KEY_SECRETS={functionKeys}",
            "MONGO_SECRET_NAME=mongo-connection-string", "MONGO_CONNECTION_STRING=mongodb://from-deployment",
            "INGRESS_VAULT_NAME=kvc", "INGRESS_CERTIFICATE_NAME=dronedelivery-tls", "INGRESS_HOST=dronedelivery.example.com",
            $"AZ_SCRIPTS_OUTPUT_PATH={Path.Combine(state, "outputs.json")}",
            "bash", script);
    }

    // az keyvault <secret|certificate> <show|show-deleted|set|create|recover> --vault-name V --name N [--file F]
    private const string FakeAz = """
        #!/bin/bash
        echo "$*" >> "${FAKE_AZ_CALLS}"
        kind="$2"; verb="$3"; shift 3
        while [[ $# -gt 0 ]]; do
          case "$1" in
            --vault-name) vault="$2"; shift 2;;
            --name) name="$2"; shift 2;;
            --file) file="$2"; shift 2;;
            *) shift;;
          esac
        done
        path="${FAKE_AZ_STATE}/${vault}/${kind}s/${name}"
        case "${verb}" in
          show) [[ -f "${path}" ]] && { echo "https://${vault}/${kind}s/${name}"; exit 0; }
                echo "ERROR: (${kind^}NotFound) A ${kind} with (name/id) ${name} was not found in this key vault." >&2; exit 1;;
          show-deleted) echo "ERROR: (${kind^}NotFound) Deleted ${kind} not found" >&2; exit 1;;
          set) mkdir -p "$(dirname "${path}")"; cp "${file}" "${path}";;
          create) mkdir -p "$(dirname "${path}")"; echo certificate > "${path}";;
          *) echo "unexpected: ${verb}" >&2; exit 2;;
        esac
        """;
}
