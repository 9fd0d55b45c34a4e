using DroneDelivery.Deployment.Tests.Infrastructure;
using YamlDotNet.Serialization;

namespace DroneDelivery.Deployment.Tests;

/// <summary>
/// The workflow's <c>[DurableClient]</c> binding asks the Functions host for the Durable extension's
/// webhook URL (azure-functions-durable-extension HttpApiHandler.GetWebhookUri). The host builds it
/// (azure-functions-host DefaultScriptWebHookProvider.GetExtensionWebHookRoute) from its host name,
/// WEBSITE_HOSTNAME (HostNameProvider), and the system key <c>durabletask_extension</c>, which it
/// creates when missing by writing to its key store - which throws for the read-only key files of
/// <c>AzureWebJobsSecretStorageType=kubernetes</c> (KubernetesSecretsRepository.WriteAsync). So the
/// chart sets the one and mounts the other, as file <c>host.systemKey.durabletask_extension</c>.
/// </summary>
[Collection(ChartCollection.Name)]
public sealed class DurableClientTests(ChartFixture fixture)
{
    /// <summary>KubernetesSecretsRepository's SystemKeyPrefix plus DefaultScriptWebHookProvider.GetKeyName("durabletask").</summary>
    private const string DurableSystemKeyFile = "host.systemKey.durabletask_extension";

    /// <summary>The Key Vault secret the infrastructure creates for it (a fixed name).</summary>
    private const string DurableSystemKeySecret = "workflow-host-systemkey-durabletask-extension";

    private const string KeyDirectory = "/run/secrets/functions-keys";

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void WebsiteHostName_IsSetOnTheWorkflowOnly_ToItsServiceAddressInTheCluster(string values, string app)
    {
        var chart = fixture.Charts[values];
        var entries = chart.Containers(app).SelectMany(c => c.Maps("env")).Where(e => e.Str("name") == "WEBSITE_HOSTNAME").ToList();
        if (app != "workflow")
        {
            Assert.Empty(entries);
            return;
        }

        var hostName = Assert.Single(entries).Str("value");
        var service = chart.Get("Service", RenderedChart.AppObjectName(app));
        var port = Assert.Single(service.Spec.Maps("ports"), p => p.Str("targetPort") == "http").Str("port");
        Assert.Equal($"{service.Name}.{Helm.Namespace}.svc.cluster.local:{port}", hostName);
    }

    [Fact]
    public void WebsiteHostName_IsSetToo_WhenTheHostKeepsItsOwnKeys()
    {
        var chart = fixture.RenderWith("files-keys", "functionKeys:\n  storage: files\n");

        var env = chart.Containers("workflow").SelectMany(c => c.Maps("env")).ToList();
        Assert.Contains(env, e => e.Str("name") == "WEBSITE_HOSTNAME");
        Assert.Contains(env, e => e.Str("name") == "AzureWebJobsSecretStorageType" && e.Str("value") == "files");
        Assert.Null(chart.FindOrNull("SecretProviderClass", RenderedChart.AppObjectName("workflow") + "-function-keys"));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void WorkflowHostKeys_IncludeTheDurableExtensionSystemKey_FromKeyVault(string values)
    {
        var chart = fixture.Charts[values];
        var objects = KeyFiles(chart, "workflow");

        Assert.Equal(DurableSystemKeySecret, objects[DurableSystemKeyFile]);
        Assert.Equal("workflow-host-master", objects["host.master"]);
        Assert.Equal("workflow-host-function-default", objects["host.function.default"]);
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void OnlyTheWorkflow_GetsASystemKey(string values)
    {
        var chart = fixture.Charts[values];
        foreach (var app in RenderedChart.Apps.Where(a => a != "workflow"))
        {
            Assert.DoesNotContain(KeyFiles(chart, app).Keys, file => file.StartsWith("host.systemKey.", StringComparison.Ordinal));
        }
    }

    /// <summary>Key file name -> Key Vault secret, of the SecretProviderClass the app mounts where the host reads its keys.</summary>
    private static Dictionary<string, string> KeyFiles(RenderedChart chart, string app)
    {
        var pod = chart.PodSpec(app);
        var container = Assert.Single(chart.Containers(app));
        var mount = Assert.Single(container.Maps("volumeMounts"), m => m.Str("mountPath") == KeyDirectory);
        Assert.Equal("true", mount.Str("readOnly"));
        var volume = Assert.Single(pod.Maps("volumes"), v => v.Str("name") == mount.Str("name"));
        var csi = volume.Map("csi");
        Assert.Equal("secrets-store.csi.k8s.io", csi.Str("driver"));

        var spc = chart.Get("SecretProviderClass", csi.Map("volumeAttributes").Str("secretProviderClass"));
        var deserializer = new DeserializerBuilder().Build();
        var array = deserializer.Deserialize<Dictionary<string, List<string>>>(spc.Spec.Map("parameters").Str("objects"))["array"];
        return array
            .Select(deserializer.Deserialize<Dictionary<string, string>>)
            .Where(o => o["objectType"] == "secret")
            .ToDictionary(o => o["objectAlias"], o => o["objectName"], StringComparer.Ordinal);
    }
}
