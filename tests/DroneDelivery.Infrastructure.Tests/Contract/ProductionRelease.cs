using System.Text.Json.Nodes;
using DroneDelivery.Infrastructure.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DroneDelivery.Infrastructure.Tests.Contract;

/// <summary>
/// The production release as a deployment makes it: the sample infrastructure outputs turned into
/// values by eng/infra-outputs-to-values.sh, rendered by helm with values-production.yaml; read
/// into what each app's pod gets (its settings and the secrets behind them).
/// </summary>
public sealed class ProductionRelease : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dronedelivery-release-").FullName;

    public ProductionRelease()
    {
        var root = RepositoryRoot.Locate();
        var helm = Run("bash", root, Path.Combine(root, "eng", "get-helm.sh")).StandardOutput.Trim().Split('\n')[^1];
        var outputsFile = RepositoryRoot.PathOf("infra", "samples", "deployment-outputs.prod.json");
        var values = Path.Combine(_work, "infra-prod.yaml");
        File.WriteAllText(values, Run("bash", root, Path.Combine(root, "eng", "infra-outputs-to-values.sh"), outputsFile).StandardOutput);
        var chart = Path.Combine(root, "charts", "dronedelivery");
        var rendered = Run(helm, root, "template", "dronedelivery", chart, "--namespace", "dronedelivery",
            "-f", Path.Combine(chart, "values-production.yaml"), "-f", values).StandardOutput;

        var apps = JsonNode.Parse(File.ReadAllText(outputsFile))!["serviceClientIds"]!["value"]!.AsObject()
            .ToDictionary(p => (string)p.Value!, p => p.Key, StringComparer.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(rendered));
        var manifests = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
        SecretProviderClasses = manifests.Where(m => Text(m, "kind") == "SecretProviderClass").Select(ReadSecretProviderClass).ToList();
        Pods = manifests.Where(m => Text(m, "kind") == "Deployment")
            .Select(m => ReadPod(m, apps))
            .ToDictionary(pod => pod.App, StringComparer.Ordinal);
    }

    /// <summary>Each app's pod, by app name (ingestion, workflow, ...).</summary>
    public IReadOnlyDictionary<string, AppPod> Pods { get; }

    public IReadOnlyList<SecretProviderClass> SecretProviderClasses { get; }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static AppPod ReadPod(YamlMappingNode deployment, Dictionary<string, string> appsByClientId)
    {
        var template = Map(Map(deployment, "spec"), "template");
        var pod = Map(template, "spec");
        var container = (YamlMappingNode)Seq(pod, "containers").Single();
        var settings = new List<PodSetting>();
        foreach (var env in Seq(container, "env").Cast<YamlMappingNode>())
        {
            var secret = TryMap(TryMap(env, "valueFrom"), "secretKeyRef");
            settings.Add(new PodSetting(Text(env, "name")!, Text(env, "value"), secret is null ? null : (Text(secret, "name")!, Text(secret, "key")!)));
        }

        var volumes = Seq(pod, "volumes").Cast<YamlMappingNode>()
            .Select(volume => TryMap(TryMap(volume, "csi"), "volumeAttributes"))
            .Where(attributes => attributes is not null)
            .Select(attributes => Text(attributes!, "secretProviderClass")!)
            .ToList();
        var name = Text(Map(deployment, "metadata"), "name")!;
        var app = name["dronedelivery-".Length..];
        Assert.Contains(app, appsByClientId.Values);
        return new AppPod(app, settings, volumes);
    }

    private static SecretProviderClass ReadSecretProviderClass(YamlMappingNode manifest)
    {
        var spec = Map(manifest, "spec");
        var parameters = Map(spec, "parameters");
        var objects = new YamlStream();
        objects.Load(new StringReader(Text(parameters, "objects")!));
        var keyVaultSecrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Seq((YamlMappingNode)objects.Documents[0].RootNode, "array"))
        {
            var entry = new YamlStream();
            entry.Load(new StringReader(((YamlScalarNode)item).Value!));
            var mapping = (YamlMappingNode)entry.Documents[0].RootNode;
            keyVaultSecrets[Text(mapping, "objectAlias") ?? Text(mapping, "objectName")!] = Text(mapping, "objectName")!;
        }

        var synced = new Dictionary<(string Secret, string Key), string>();
        foreach (var secretObject in Seq(spec, "secretObjects").Cast<YamlMappingNode>())
        {
            foreach (var data in Seq(secretObject, "data").Cast<YamlMappingNode>())
            {
                synced[(Text(secretObject, "secretName")!, Text(data, "key")!)] = keyVaultSecrets[Text(data, "objectName")!];
            }
        }

        return new SecretProviderClass(Text(Map(manifest, "metadata"), "name")!, Text(parameters, "clientID")!, keyVaultSecrets, synced);
    }

    private static ProcessResult Run(string fileName, string directory, params string[] arguments)
    {
        var result = ProcessRunner.Run(fileName, directory, arguments);
        return result.Succeeded ? result : throw new InvalidOperationException(result.ToString());
    }

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static YamlMappingNode Map(YamlMappingNode node, string key) => TryMap(node, key) ?? throw new InvalidOperationException($"no '{key}' in {node}");

    private static YamlMappingNode? TryMap(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static YamlSequenceNode Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence ? sequence : [];
}

/// <summary>One environment variable of a pod: a literal, or a key of a Kubernetes Secret.</summary>
public sealed record PodSetting(string Name, string? Value, (string Name, string Key)? SecretKey);

/// <summary>What one app's pod is given: its settings and the SecretProviderClasses it mounts.</summary>
public sealed record AppPod(string App, IReadOnlyList<PodSetting> Settings, IReadOnlyList<string> MountedSecretProviderClasses);

/// <summary>
/// A SecretProviderClass: Key Vault secrets by file (alias) and the Kubernetes Secret keys it
/// syncs, each with the Key Vault secret behind it.
/// </summary>
public sealed record SecretProviderClass(
    string Name,
    string ClientId,
    IReadOnlyDictionary<string, string> KeyVaultSecretsByFile,
    IReadOnlyDictionary<(string Secret, string Key), string> SyncedSecretKeys);
