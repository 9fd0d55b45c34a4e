using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

/// <summary>Every name one object uses to point at another resolves to a rendered object.</summary>
[Collection(ChartCollection.Name)]
public sealed class ReferenceTests(ChartFixture fixture)
{
    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void EveryService_SelectsThePodsOfExactlyOneDeploymentAndANamedContainerPort(string values)
    {
        var chart = fixture.Charts[values];
        foreach (var service in chart.OfKind("Service"))
        {
            var selector = service.Spec.StringMap("selector");
            Assert.NotEmpty(selector);
            var targets = chart.OfKind("Deployment")
                .Where(d => selector.All(p => d.Spec.Path("template", "metadata").StringMap("labels").TryGetValue(p.Key, out var v) && v == p.Value))
                .ToList();
            var deployment = Assert.Single(targets);

            var containerPorts = deployment.Spec.Path("template", "spec").Maps("containers")
                .SelectMany(c => c.Maps("ports"))
                .Select(p => p.Str("name"))
                .ToHashSet(StringComparer.Ordinal);
            Assert.All(service.Spec.Maps("ports"), p => Assert.Contains(p.Str("targetPort"), containerPorts));
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void EveryScaledObject_TargetsAnExistingDeploymentAndAuthenticatesWithAnExistingTriggerAuthentication(string values)
    {
        var chart = fixture.Charts[values];
        foreach (var scaled in chart.OfKind("ScaledObject"))
        {
            var target = scaled.Spec.Map("scaleTargetRef");
            Assert.Equal("apps/v1", target.Str("apiVersion"));
            Assert.Equal("Deployment", target.Str("kind"));
            Assert.NotNull(chart.FindOrNull("Deployment", target.Str("name")));

            foreach (var trigger in scaled.Spec.Maps("triggers").Where(t => t.MapOrNull("authenticationRef") is not null))
            {
                var reference = trigger.Map("authenticationRef");
                var kind = reference.StrOrNull("kind") ?? "TriggerAuthentication";
                Assert.NotNull(chart.FindOrNull(kind, reference.Str("name")));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryTriggerAuthentication_UsesAzureWorkloadIdentity_OfItsAppUnlessADedicatedKedaIdentityIsSet(string values, string app)
    {
        var chart = fixture.Charts[values];
        var name = RenderedChart.AppObjectName(app);
        var identity = chart.Get("TriggerAuthentication", name).Spec.Map("podIdentity");

        Assert.Equal("azure-workload", identity.Str("provider"));
        Assert.Equal(chart.Get("ServiceAccount", name).Annotations["azure.workload.identity/client-id"], identity.Str("identityId"));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void EveryIngressBackend_IsAnExistingServicePort(string values)
    {
        var chart = fixture.Charts[values];
        var backends = chart.OfKind("Ingress")
            .SelectMany(i => i.Spec.Maps("rules"))
            .SelectMany(r => r.Map("http").Maps("paths"))
            .Select(p => p.Path("backend", "service"))
            .ToList();

        Assert.NotEmpty(backends);
        foreach (var backend in backends)
        {
            var service = chart.Get("Service", backend.Str("name"));
            Assert.Contains(service.Spec.Maps("ports"), p => p.Str("name") == backend.Map("port").Str("name"));
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryVolumeAndSecretReference_ResolvesToARenderedObject(string values, string app)
    {
        var chart = fixture.Charts[values];
        var pod = chart.PodSpec(app);
        Assert.NotNull(chart.FindOrNull("ServiceAccount", pod.Str("serviceAccountName")));

        foreach (var csi in pod.Maps("volumes").Select(v => v.MapOrNull("csi")).OfType<IReadOnlyDictionary<string, object?>>())
        {
            Assert.Equal("secrets-store.csi.k8s.io", csi.Str("driver"));
            var spc = chart.Get("SecretProviderClass", csi.Map("volumeAttributes").Str("secretProviderClass"));
            Assert.Equal(chart.Get("ServiceAccount", pod.Str("serviceAccountName")).Annotations["azure.workload.identity/client-id"],
                spc.Spec.Map("parameters").Str("clientID"));
        }

        // A secretKeyRef only resolves if a SecretProviderClass mounted by this pod syncs that secret.
        var mountedClasses = pod.Maps("volumes")
            .Select(v => v.MapOrNull("csi")?.MapOrNull("volumeAttributes")?.StrOrNull("secretProviderClass"))
            .OfType<string>()
            .Select(n => chart.Get("SecretProviderClass", n))
            .ToList();
        var secretRefs = chart.Containers(app)
            .SelectMany(c => c.Maps("env"))
            .Select(e => e.MapOrNull("valueFrom")?.MapOrNull("secretKeyRef"))
            .OfType<IReadOnlyDictionary<string, object?>>();
        foreach (var secretRef in secretRefs)
        {
            Assert.Contains(mountedClasses, spc => spc.Spec.Maps("secretObjects").Any(so =>
                so.Str("secretName") == secretRef.Str("name")
                && so.Maps("data").Any(d => d.Str("key") == secretRef.Str("key"))));
        }
    }

    /// <summary>Services__*Url settings per app: the workflow's three, ingestion's delivery URL, nothing elsewhere.</summary>
    public static TheoryData<string, string, string[]> ServiceUrlSettings
    {
        get
        {
            var data = new TheoryData<string, string, string[]>();
            foreach (var values in new[] { ChartFixture.DefaultValues, ChartFixture.ProductionValues })
            {
                data.Add(values, "workflow", ["Services__DeliveryUrl", "Services__DroneSchedulerUrl", "Services__PackageUrl"]);
                data.Add(values, "ingestion", ["Services__DeliveryUrl"]);
                data.Add(values, "delivery", []);
                data.Add(values, "dronescheduler", []);
                data.Add(values, "package", []);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ServiceUrlSettings))]
    public void ServiceUrls_AreExactlyTheCalledApps_AndPointAtTheirServices(string values, string app, string[] expected)
    {
        var chart = fixture.Charts[values];
        var env = chart.Containers(app).Single().Maps("env")
            .Where(e => e.Str("name").StartsWith("Services__", StringComparison.Ordinal) && e.Str("name").EndsWith("Url", StringComparison.Ordinal))
            .ToDictionary(e => e.Str("name"), e => new Uri(e.Str("value")), StringComparer.Ordinal);

        Assert.Equal(expected, env.Keys.Order(StringComparer.Ordinal));
        var targets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Services__DeliveryUrl"] = "delivery",
            ["Services__DroneSchedulerUrl"] = "dronescheduler",
            ["Services__PackageUrl"] = "package",
        };
        foreach (var (setting, url) in env)
        {
            var host = url.Host.Split('.');
            Assert.Equal("http", url.Scheme);
            Assert.Equal(RenderedChart.AppObjectName(targets[setting]), host[0]);
            Assert.Equal(Helm.Namespace, host[1]);
            var service = chart.Get("Service", host[0]);
            Assert.Contains(service.Spec.Maps("ports"), p => p.Str("port") == (url.IsDefaultPort ? "80" : url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
