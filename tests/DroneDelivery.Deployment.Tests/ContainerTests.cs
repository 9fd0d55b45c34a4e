using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

[Collection(ChartCollection.Name)]
public sealed class ContainerTests(ChartFixture fixture)
{
    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryContainer_HasLivenessReadinessAndStartupProbesOnTheHealthEndpoints(string values, string app)
    {
        foreach (var container in fixture.Charts[values].Containers(app))
        {
            Assert.Equal("/api/health/live", ProbePath(container, "livenessProbe"));
            Assert.Equal("/api/health/ready", ProbePath(container, "readinessProbe"));
            Assert.Equal("/api/health/live", ProbePath(container, "startupProbe"));
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryContainer_HasCpuAndMemoryRequestsAndLimits_WithRequestsNotAboveLimits(string values, string app)
    {
        foreach (var container in fixture.Charts[values].Containers(app))
        {
            var resources = container.Map("resources");
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var request = Quantity.Parse(resource, resources.Map("requests").Str(resource));
                var limit = Quantity.Parse(resource, resources.Map("limits").Str(resource));
                Assert.True(request > 0 && request <= limit, $"{app} {resource}: request {request} / limit {limit}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryContainer_RunsNonRootReadOnlyWithAllCapabilitiesDroppedAndRuntimeDefaultSeccomp(string values, string app)
    {
        var chart = fixture.Charts[values];
        var pod = chart.PodSpec(app).Map("securityContext");
        Assert.Equal("true", pod.Str("runAsNonRoot"));
        Assert.Equal("RuntimeDefault", pod.Map("seccompProfile").Str("type"));

        foreach (var container in chart.Containers(app))
        {
            var security = container.Map("securityContext");
            Assert.Equal("true", security.Str("runAsNonRoot"));
            Assert.NotEqual("0", security.StrOrNull("runAsUser") ?? pod.Str("runAsUser"));
            Assert.Equal("true", security.Str("readOnlyRootFilesystem"));
            Assert.Equal("false", security.Str("allowPrivilegeEscalation"));
            Assert.Equal(["ALL"], security.Map("capabilities").List("drop").Cast<string>());
            Assert.Empty(security.Map("capabilities").List("add"));
            Assert.Equal("RuntimeDefault", security.Map("seccompProfile").Str("type"));
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryPod_MountsEmptyDirsOverTheHostsWritablePaths(string values, string app)
    {
        var chart = fixture.Charts[values];
        var emptyDirs = chart.PodSpec(app).Maps("volumes")
            .Where(v => v.MapOrNull("emptyDir") is not null)
            .Select(v => v.Str("name"))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var container in chart.Containers(app))
        {
            var writable = container.Maps("volumeMounts")
                .Where(m => emptyDirs.Contains(m.Str("name")))
                .Select(m => m.Str("mountPath"));
            Assert.Contains("/tmp", writable);
            Assert.Contains("/azure-functions-host/Secrets", writable);
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryPod_RunsAsItsOwnWorkloadIdentityServiceAccount_WithoutTheApiToken(string values, string app)
    {
        var chart = fixture.Charts[values];
        var pod = chart.PodSpec(app);

        Assert.Equal(RenderedChart.AppObjectName(app), pod.Str("serviceAccountName"));
        Assert.Equal("false", pod.Str("automountServiceAccountToken"));
        Assert.Equal("true", chart.PodLabels(app)["azure.workload.identity/use"]);
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryPod_SpreadsAcrossZonesAndNodes(string values, string app)
    {
        var chart = fixture.Charts[values];
        var constraints = chart.PodSpec(app).Maps("topologySpreadConstraints").ToList();
        var selector = chart.Deployment(app).Spec.Map("selector").StringMap("matchLabels");

        Assert.Equal(
            ["kubernetes.io/hostname", "topology.kubernetes.io/zone"],
            constraints.Select(c => c.Str("topologyKey")).Order(StringComparer.Ordinal));
        Assert.All(constraints, c => Assert.Equal(selector, c.Map("labelSelector").StringMap("matchLabels")));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryContainer_FitsTheNamespaceLimitRange(string values, string app)
    {
        var chart = fixture.Charts[values];
        var limits = Assert.Single(chart.OfKind("LimitRange")).Spec.Maps("limits").Single();

        foreach (var container in chart.Containers(app))
        {
            var resources = container.Map("resources");
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var max = Quantity.Parse(resource, limits.Map("max").Str(resource));
                var min = Quantity.Parse(resource, limits.Map("min").Str(resource));
                Assert.InRange(Quantity.Parse(resource, resources.Map("limits").Str(resource)), min, max);
                Assert.InRange(Quantity.Parse(resource, resources.Map("requests").Str(resource)), min, max);
            }
        }
    }

    private static string ProbePath(IReadOnlyDictionary<string, object?> container, string probe)
    {
        var httpGet = container.Path(probe, "httpGet");
        Assert.Equal("http", httpGet.Str("port"));
        return httpGet.Str("path");
    }
}
