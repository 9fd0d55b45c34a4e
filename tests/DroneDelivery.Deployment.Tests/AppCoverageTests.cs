using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

[Collection(ChartCollection.Name)]
public sealed class AppCoverageTests(ChartFixture fixture)
{
    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryApp_HasAServiceAccountAnnotatedWithItsWorkloadIdentityClientId(string values, string app)
    {
        var account = fixture.Charts[values].Get("ServiceAccount", RenderedChart.AppObjectName(app));

        var clientId = account.Annotations["azure.workload.identity/client-id"];
        Assert.True(Guid.TryParse(clientId, out _), $"client id '{clientId}' is not a GUID");
        Assert.Equal("false", account.Root.Str("automountServiceAccountToken"));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void EveryApp_HasItsOwnWorkloadIdentity(string values)
    {
        var clientIds = fixture.Charts[values].OfKind("ServiceAccount")
            .Select(a => a.Annotations["azure.workload.identity/client-id"])
            .ToList();

        Assert.Equal(RenderedChart.Apps.Count, clientIds.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryApp_HasAPodDisruptionBudgetSelectingExactlyItsPods(string values, string app)
    {
        var chart = fixture.Charts[values];
        var pdb = chart.Get("PodDisruptionBudget", RenderedChart.AppObjectName(app));
        var selector = pdb.Spec.Map("selector");

        Assert.Equal("policy/v1", pdb.ApiVersion);
        Assert.True(Selectors.Selects(selector, chart.PodLabels(app)));
        foreach (var other in RenderedChart.Apps.Where(a => a != app))
        {
            Assert.False(Selectors.Selects(selector, chart.PodLabels(other)), $"PDB of {app} also selects {other}");
        }

        Assert.True(pdb.Spec.ContainsKey("maxUnavailable") ^ pdb.Spec.ContainsKey("minAvailable"));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryApp_HasAScaledObjectWithMinMaxReplicasAndHpaBehaviour(string values, string app)
    {
        var chart = fixture.Charts[values];
        var scaled = chart.Get("ScaledObject", RenderedChart.AppObjectName(app));

        var min = int.Parse(scaled.Spec.Str("minReplicaCount"), System.Globalization.CultureInfo.InvariantCulture);
        var max = int.Parse(scaled.Spec.Str("maxReplicaCount"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(min, 1, max);
        Assert.True(max > min, $"{app}: max {max} leaves no room to scale above min {min}");

        var behavior = scaled.Spec.Path("advanced", "horizontalPodAutoscalerConfig", "behavior");
        Assert.NotEmpty(behavior.Map("scaleUp").Maps("policies"));
        Assert.NotEmpty(behavior.Map("scaleDown").Maps("policies"));
        Assert.NotNull(behavior.Map("scaleDown").StrOrNull("stabilizationWindowSeconds"));

        // KEDA owns the replica count: a fixed Deployment.replicas would fight the HPA on every upgrade.
        Assert.False(chart.Deployment(app).Spec.ContainsKey("replicas"));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryApp_IsCoveredByADefaultDenyAndAnAllowPolicy(string values, string app)
    {
        var chart = fixture.Charts[values];
        var labels = chart.PodLabels(app);
        var selecting = chart.OfKind("NetworkPolicy")
            .Where(p => Selectors.Selects(p.Spec.Map("podSelector"), labels))
            .ToList();

        Assert.Contains(selecting, p =>
            Selectors.IsEmpty(p.Spec.Map("podSelector"))
            && p.Spec.List("policyTypes").Cast<string>().Order(StringComparer.Ordinal).SequenceEqual(["Egress", "Ingress"])
            && p.Spec.List("ingress").Count == 0
            && p.Spec.List("egress").Count == 0);
        Assert.Contains(selecting, p =>
            Selectors.Selects(p.Spec.Map("podSelector"), labels)
            && !Selectors.IsEmpty(p.Spec.Map("podSelector"))
            && p.Spec.List("egress").Count > 0);
        Assert.Contains(selecting, p => p.Spec.Maps("egress").Any(rule =>
            rule.Maps("ports").Any(port => port.Str("port") == "53" && port.Str("protocol") == "UDP")));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void NetworkPolicies_AllowOnlyTheDesignedCallers(string values)
    {
        var chart = fixture.Charts[values];
        var expected = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["ingestion"] = ["<ingress-controller>"],
            ["delivery"] = ["<ingress-controller>", "ingestion", "workflow"],
            ["package"] = ["workflow"],
            // The ingress controller for the admins' GET /api/fleet only (its one routed path, IngressTests).
            ["dronescheduler"] = ["<ingress-controller>", "workflow"],
            // Drones report through the ingress controller (POST /api/droneevents), operators reach
            // /api/deadletters through it; no app calls the workflow.
            ["workflow"] = ["<ingress-controller>"],
        };

        // Production has managed Prometheus scrape every app (its collector pods, ama-metrics in kube-system).
        var scraped = values == ChartFixture.ProductionValues;
        foreach (var app in RenderedChart.Apps)
        {
            var callers = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var rule in IngressRulesFor(chart, app))
            {
                Assert.All(rule.Maps("ports"), p => Assert.Equal("8080", p.Str("port")));
                foreach (var peer in rule.Maps("from"))
                {
                    if (peer.MapOrNull("namespaceSelector") is { } namespaces)
                    {
                        var collector = namespaces.StringMap("matchLabels").GetValueOrDefault("kubernetes.io/metadata.name") == "kube-system"
                            && peer.Map("podSelector").StringMap("matchLabels").GetValueOrDefault("rsName") == "ama-metrics";
                        callers.Add(collector ? "<prometheus>" : "<ingress-controller>");
                    }
                    else
                    {
                        Assert.Null(peer.MapOrNull("ipBlock"));
                        foreach (var caller in RenderedChart.Apps.Where(c => Selectors.Selects(peer.Map("podSelector"), chart.PodLabels(c))))
                        {
                            callers.Add(caller);
                        }
                    }
                }
            }

            var allowed = scraped ? [.. expected[app], "<prometheus>"] : expected[app];
            Assert.True(allowed.Order(StringComparer.Ordinal).SequenceEqual(callers), $"{app} accepts traffic from [{string.Join(", ", callers)}]");
        }
    }

    /// <summary>Who calls whom over HTTP - nothing else: the workflow calls package, dronescheduler and
    /// delivery; ingestion calls delivery (it reads the delivery before a reschedule or cancel).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> DesignedCalls = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["workflow"] = ["delivery", "dronescheduler", "package"],
        ["ingestion"] = ["delivery"],
        ["delivery"] = [],
        ["dronescheduler"] = [],
        ["package"] = [],
    };

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void OnlyTheWorkflowAndIngestion_MayCallOtherApps_AndOnlyTheDesignedOnes(string values)
    {
        var chart = fixture.Charts[values];
        foreach (var app in RenderedChart.Apps)
        {
            Assert.True(DesignedCalls[app].SequenceEqual(Callees(chart, app)), $"{app} may call [{string.Join(", ", Callees(chart, app))}]");
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void EveryServiceUrlSetting_HasAMatchingEgressRule_AndEveryEgressRuleToAnApp_AServiceUrlSetting(string values)
    {
        var chart = fixture.Charts[values];
        foreach (var app in RenderedChart.Apps)
        {
            var urlTargets = chart.Containers(app)
                .SelectMany(c => c.Maps("env"))
                .Where(e => e.Str("name").StartsWith("Services__", StringComparison.Ordinal) && e.Str("name").EndsWith("Url", StringComparison.Ordinal))
                .Select(e => new Uri(e.Str("value")).Host.Split('.')[0])
                .Select(host => RenderedChart.Apps.Single(a => RenderedChart.AppObjectName(a) == host))
                .Order(StringComparer.Ordinal);

            Assert.Equal(Callees(chart, app), urlTargets);
        }
    }

    private static List<string> Callees(RenderedChart chart, string app) =>
        chart.OfKind("NetworkPolicy")
            .Where(p => Selectors.Selects(p.Spec.Map("podSelector"), chart.PodLabels(app)))
            .SelectMany(p => p.Spec.Maps("egress"))
            .SelectMany(rule => rule.Maps("to"))
            .Where(peer => peer.MapOrNull("podSelector") is not null && peer.MapOrNull("namespaceSelector") is null)
            .SelectMany(peer => RenderedChart.Apps.Where(c => Selectors.Selects(peer.Map("podSelector"), chart.PodLabels(c))))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<IReadOnlyDictionary<string, object?>> IngressRulesFor(RenderedChart chart, string app) =>
        chart.OfKind("NetworkPolicy")
            .Where(p => Selectors.Selects(p.Spec.Map("podSelector"), chart.PodLabels(app)))
            .SelectMany(p => p.Spec.Maps("ingress"));
}
