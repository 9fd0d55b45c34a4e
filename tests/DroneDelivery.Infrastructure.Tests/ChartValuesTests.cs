using System.Text.Json.Nodes;
using DroneDelivery.Infrastructure.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DroneDelivery.Infrastructure.Tests;

/// <summary>Deployment outputs → eng/infra-outputs-to-values.sh → chart values that helm renders.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class ChartValuesTests(CompiledTemplate template) : IDisposable
{
    private static readonly string[] _services = ["ingestion", "workflow", "delivery", "dronescheduler", "package"];

    // The values contract kept by the chart: key path → deployment output it comes from.
    private static readonly (string Key, string Output)[] _contract =
    [
        ("image.registry", "acrLoginServer"),
        ("azure.tenantId", "tenantId"),
        ("azure.serviceBusNamespace", "serviceBusNamespaceFqdn"),
        ("azure.storageAccountName", "storageAccountName"),
        ("azure.cosmosEndpoint", "cosmosEndpoint"),
        ("azure.redisHost", "redisHost"),
        ("azure.keyVaultName", "keyVaultName"),
        ("azure.applicationInsightsConnectionString", "applicationInsightsConnectionString"),
        ("keda.identityId", "kedaClientId"),
        ("keda.prometheus.serverAddress", "prometheusQueryEndpoint"),
        ("ingress.host", "ingressHost"),
        ("ingress.tlsSecretName", "ingressTlsSecretName"),
    ];

    private readonly string _work = Directory.CreateTempSubdirectory("dronedelivery-values-").FullName;

    public static TheoryData<string> Environments => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Environments))]
    public void TheSampleOutputs_BecomeEveryContractValue(string environment)
    {
        var outputs = SampleOutputs(environment);
        var values = Load(Convert(environment, "--image-tag", "1.2.3"));

        foreach (var (key, output) in _contract)
        {
            Assert.Equal((string?)outputs[output]!["value"], Scalar(values, key));
        }

        Assert.Equal("1.2.3", Scalar(values, "image.tag"));
        foreach (var service in _services)
        {
            Assert.Equal((string?)outputs["serviceClientIds"]!["value"]![service], Scalar(values, $"apps.{service}.clientId"));
        }

        Assert.Equal((string?)outputs["ingressTlsCertificateUri"]!["value"], Scalar(values, "ingress.annotations.kubernetes.azure.com/tls-cert-keyvault-uri"));
    }

    [Fact]
    public void WithoutAnImageTag_TheValuesLeaveTheTagToTheHelmRelease()
    {
        var values = Load(Convert("dev"));

        Assert.Null(Scalar(values, "image.tag"));
        Assert.NotNull(Scalar(values, "image.registry"));
    }

    [Fact]
    public void AMissingOutput_FailsTheConversionWithItsName()
    {
        var outputs = SampleOutputs("dev");
        outputs.Remove("redisHost");
        var file = Path.Combine(_work, "incomplete.json");
        File.WriteAllText(file, outputs.ToJsonString());

        var result = Script(file);

        Assert.False(result.Succeeded);
        Assert.Contains("redisHost", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void TheSampleOutputs_NameExactlyTheOutputsOfMainBicep(string environment)
    {
        var declared = template.Root["outputs"]!.AsObject().Select(o => o.Key).Order(StringComparer.Ordinal);
        var sample = SampleOutputs(environment).Select(o => o.Key).Order(StringComparer.Ordinal);

        Assert.Equal(declared, sample);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void TheGitOpsInfraValues_AreWhatTheScriptProducesFromTheOutputs(string environment)
    {
        var committed = Load(File.ReadAllText(RepositoryRoot.PathOf("gitops", "clusters", environment, "infra-values.yaml")));
        var generated = Load(Convert(environment));

        foreach (var (key, _) in _contract)
        {
            Assert.Equal(Scalar(generated, key), Scalar(committed, key));
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void EachEnvironmentsValues_RenderWithTheChart(string environment)
    {
        var root = RepositoryRoot.Locate();
        var chart = Path.Combine(root, "charts", "dronedelivery");
        Assert.True(File.Exists(Path.Combine(chart, "Chart.yaml")), "charts/dronedelivery is missing");
        var getHelm = ProcessRunner.Run("bash", root, Path.Combine(root, "eng", "get-helm.sh"));
        Assert.True(getHelm.Succeeded, $"helm could not be obtained: {getHelm}");
        var helm = getHelm.StandardOutput.Trim().Split('\n')[^1];

        var infraValues = Path.Combine(_work, $"infra-{environment}.yaml");
        File.WriteAllText(infraValues, Convert(environment));
        var releaseValues = Path.Combine(_work, $"release-{environment}.yaml");
        File.WriteAllText(releaseValues, HelmReleaseValues(environment));

        // Flux's order: the chart's valuesFiles, then valuesFrom (infra), then spec.values.
        List<string> arguments = ["template", "dronedelivery", chart, "--namespace", "dronedelivery"];
        if (environment == "prod")
        {
            arguments.AddRange(["-f", Path.Combine(chart, "values-production.yaml")]);
        }

        arguments.AddRange(["-f", infraValues, "-f", releaseValues]);
        var render = ProcessRunner.Run(helm, root, [.. arguments]);

        Assert.True(render.Succeeded, render.ToString());
        var outputs = SampleOutputs(environment);
        foreach (var service in _services)
        {
            Assert.Contains($"azure.workload.identity/client-id: \"{(string?)outputs["serviceClientIds"]!["value"]![service]}\"", render.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains((string)outputs["serviceBusNamespaceFqdn"]!["value"]!, render.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"secretName: {(string?)outputs["ingressTlsSecretName"]!["value"]}", render.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{(string?)outputs["acrLoginServer"]!["value"]}/", render.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static JsonObject SampleOutputs(string environment) =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.PathOf("infra", "samples", $"deployment-outputs.{environment}.json")))!.AsObject();

    private static ProcessResult Script(params string[] arguments)
    {
        var root = RepositoryRoot.Locate();
        return ProcessRunner.Run("bash", root, [Path.Combine(root, "eng", "infra-outputs-to-values.sh"), .. arguments]);
    }

    private static string Convert(string environment, params string[] options)
    {
        var result = Script([.. options, RepositoryRoot.PathOf("infra", "samples", $"deployment-outputs.{environment}.json")]);
        Assert.True(result.Succeeded, result.ToString());
        return result.StandardOutput;
    }

    /// <summary>spec.values of gitops/clusters/&lt;env&gt;/helmrelease.yaml, as a values file.</summary>
    private static string HelmReleaseValues(string environment)
    {
        var release = Load(File.ReadAllText(RepositoryRoot.PathOf("gitops", "clusters", environment, "helmrelease.yaml")));
        var values = (YamlMappingNode)((YamlMappingNode)release.Children[new YamlScalarNode("spec")]).Children[new YamlScalarNode("values")];
        var stream = new YamlStream(new YamlDocument(values));
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>Follows a dotted path; the last segment may itself contain dots (annotation keys).</summary>
    private static string? Scalar(YamlMappingNode node, string path)
    {
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var rest = string.Join('.', segments[i..]);
            if (node.Children.TryGetValue(new YamlScalarNode(rest), out var whole) && whole is YamlScalarNode wholeScalar)
            {
                return wholeScalar.Value;
            }

            if (!node.Children.TryGetValue(new YamlScalarNode(segments[i]), out var child))
            {
                return null;
            }

            if (i == segments.Length - 1)
            {
                return (child as YamlScalarNode)?.Value;
            }

            if (child is not YamlMappingNode mapping)
            {
                return null;
            }

            node = mapping;
        }

        return null;
    }
}
