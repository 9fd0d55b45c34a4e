using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

[Collection(ChartCollection.Name)]
public sealed class IngressTests(ChartFixture fixture)
{
    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void Ingress_ExposesOnlyThePublicRoutes_EachOverTls(string values)
    {
        var ingresses = fixture.Charts[values].OfKind("Ingress").ToList();
        Assert.NotEmpty(ingresses);

        var routes = new List<string>();
        foreach (var ingress in ingresses)
        {
            Assert.Equal("networking.k8s.io/v1", ingress.ApiVersion);
            Assert.False(string.IsNullOrEmpty(ingress.Spec.StrOrNull("ingressClassName")));
            Assert.False(ingress.Spec.ContainsKey("defaultBackend"));
            Assert.Equal("true", ingress.Annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"]);

            var tls = ingress.Spec.Maps("tls").ToList();
            Assert.All(tls, t => Assert.False(string.IsNullOrEmpty(t.Str("secretName"))));
            var tlsHosts = tls.SelectMany(t => t.List("hosts").Cast<string>()).ToHashSet(StringComparer.Ordinal);

            foreach (var rule in ingress.Spec.Maps("rules"))
            {
                Assert.Contains(rule.Str("host"), tlsHosts);
                foreach (var path in rule.Map("http").Maps("paths"))
                {
                    Assert.Equal("Prefix", path.Str("pathType"));
                    routes.Add($"{path.Str("path")} -> {path.Path("backend", "service").Str("name")}");
                }
            }
        }

        Assert.Equal(
            [
                $"/api/deadletters -> {RenderedChart.AppObjectName("workflow")}",
                $"/api/deliveries -> {RenderedChart.AppObjectName("delivery")}",
                $"/api/deliveryrequests -> {RenderedChart.AppObjectName("ingestion")}",
                $"/api/droneevents -> {RenderedChart.AppObjectName("workflow")}",
                $"/api/fleet -> {RenderedChart.AppObjectName("dronescheduler")}",
                $"/api/ops -> {RenderedChart.AppObjectName("delivery")}",
                $"/api/track -> {RenderedChart.AppObjectName("delivery")}",
                $"/api/webhooks -> {RenderedChart.AppObjectName("delivery")}",
            ],
            routes.Order(StringComparer.Ordinal));
    }

    /// <summary>Internal routes, health probes, the Durable webhooks and the host admin API: no Prefix path may cover them.</summary>
    public static TheoryData<string> InternalPaths => new(
        "/api/health/live",
        "/api/health/ready",
        "/admin/host/status",
        "/runtime/webhooks/durabletask/instances",
        "/api/packages/p1",
        "/api/dronedeliveries/d1",
        "/api/dronedeliveries/d1/dispatch",
        "/api/drones",
        "/api/drones/utilization");

    [Theory]
    [MemberData(nameof(InternalPaths))]
    public void InternalRoutes_HaveNoPublicRoute(string internalPath)
    {
        foreach (var values in new[] { ChartFixture.DefaultValues, ChartFixture.ProductionValues })
        {
            Assert.DoesNotContain(Paths(fixture.Charts[values]), p => PrefixMatches(p.Str("path"), internalPath));
        }
    }

    /// <summary>The customer- and drone-facing routes (docs/api.md), and the app that must serve each.</summary>
    public static TheoryData<string, string> PublicPaths => new()
    {
        { "/api/deliveryrequests", "ingestion" },
        { "/api/deliveryrequests/r1", "ingestion" },
        { "/api/deliveries/d1", "delivery" },
        { "/api/deliveries/public/d1", "delivery" },
        { "/api/deliveries/d1/owner", "delivery" },
        { "/api/deliveries/d1/status", "delivery" },
        { "/api/deliveries/d1/events", "delivery" },
        { "/api/deliveries/d1/stream", "delivery" },
        { "/api/track/d1", "delivery" },
        { "/api/webhooks", "delivery" },
        { "/api/webhooks/wh_1/attempts", "delivery" },
        { "/api/droneevents", "workflow" },
        { "/api/ops", "delivery" },
        { "/api/deadletters", "workflow" },
        { "/api/deadletters/dl1/replay", "workflow" },
        { "/api/fleet", "dronescheduler" },
    };

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public void PublicRoutes_ReachTheirApp(string publicPath, string app)
    {
        foreach (var values in new[] { ChartFixture.DefaultValues, ChartFixture.ProductionValues })
        {
            var match = Paths(fixture.Charts[values]).Where(p => PrefixMatches(p.Str("path"), publicPath)).MaxBy(p => p.Str("path").Length);
            Assert.NotNull(match);
            Assert.Equal(RenderedChart.AppObjectName(app), match.Path("backend", "service").Str("name"));
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void InternalApps_HaveNoPublicRoute_TheWorkflowOnlyTheDroneEventsAndDeadLetters_TheSchedulerOnlyTheFleet(string values)
    {
        var paths = Paths(fixture.Charts[values]);
        List<string> PathsOf(string app) => [.. paths.Where(p => p.Path("backend", "service").Str("name") == RenderedChart.AppObjectName(app)).Select(p => p.Str("path")).Order(StringComparer.Ordinal)];

        Assert.Empty(PathsOf("package"));
        Assert.Equal(["/api/fleet"], PathsOf("dronescheduler"));
        Assert.Equal(["/api/deadletters", "/api/droneevents"], PathsOf("workflow"));
    }

    [Fact]
    public void AdminRoutes_AreOnIngressesOfTheirOwn_NarrowedByTheAdminSourceRangesOnly_AndCanBeSwitchedOff()
    {
        var ranged = fixture.RenderWith("admin-ranges", "ingress:\n  admin:\n    sourceRanges: [10.20.0.0/16]\n");
        var off = fixture.RenderWith("admin-off", "ingress:\n  admin:\n    enabled: false\n");

        foreach (var (app, route) in new[] { ("delivery", "/api/ops"), ("workflow", "/api/deadletters"), ("dronescheduler", "/api/fleet") })
        {
            var admin = ranged.Get("Ingress", $"{RenderedChart.AppObjectName(app)}-admin");
            Assert.Equal("10.20.0.0/16", admin.Annotations["nginx.ingress.kubernetes.io/whitelist-source-range"]);
            Assert.Equal(route, Assert.Single(admin.Spec.Maps("rules").SelectMany(r => r.Map("http").Maps("paths"))).Str("path"));
            Assert.DoesNotContain(Paths(off), p => p.Str("path") == route);
        }

        foreach (var app in new[] { "ingestion", "delivery", "workflow" })
        {
            Assert.False(ranged.Get("Ingress", RenderedChart.AppObjectName(app)).Annotations.ContainsKey("nginx.ingress.kubernetes.io/whitelist-source-range"));
        }
    }

    [Fact]
    public void BlockInternalWrites_LetsOnlyReadsThroughToDelivery_SoTrackingPostsAndWritesStayInternal_ButWebhookSubscriptionsStayPublic()
    {
        var chart = fixture.RenderWith("block-writes", "ingress:\n  blockInternalWrites: true\n");

        var snippet = chart.Get("Ingress", RenderedChart.AppObjectName("delivery")).Annotations["nginx.ingress.kubernetes.io/configuration-snippet"];
        var allowed = System.Text.RegularExpressions.Regex.Match(snippet, @"limit_except\s+([A-Z ]+?)\s*\{\s*deny all;\s*\}");
        Assert.True(allowed.Success, snippet);
        Assert.Equal(["GET", "HEAD"], allowed.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        // Customers' webhook subscriptions (POST, DELETE) are public: their own Ingress, to the same app, without the filter.
        var writes = chart.Get("Ingress", $"{RenderedChart.AppObjectName("delivery")}-writes");
        Assert.False(writes.Annotations.ContainsKey("nginx.ingress.kubernetes.io/configuration-snippet"));
        var path = Assert.Single(writes.Spec.Maps("rules").SelectMany(r => r.Map("http").Maps("paths")));
        Assert.Equal("/api/webhooks", path.Str("path"));
        Assert.Equal(RenderedChart.AppObjectName("delivery"), path.Path("backend", "service").Str("name"));
        Assert.DoesNotContain(chart.Get("Ingress", RenderedChart.AppObjectName("delivery")).Spec.Maps("rules").SelectMany(r => r.Map("http").Maps("paths")),
            p => p.Str("path") == "/api/webhooks");

        // Ingestion's POST/PATCH/DELETE and the drones' POST are public: no method filter there.
        foreach (var app in new[] { "ingestion", "workflow" })
        {
            Assert.False(chart.Get("Ingress", RenderedChart.AppObjectName(app)).Annotations.ContainsKey("nginx.ingress.kubernetes.io/configuration-snippet"));
        }
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void NoSnippet_WhenBlockInternalWritesIsOff(string values)
    {
        Assert.All(fixture.Charts[values].OfKind("Ingress"), i => Assert.False(i.Annotations.ContainsKey("nginx.ingress.kubernetes.io/configuration-snippet")));
    }

    [Fact]
    public void DroneEventSourceRanges_RestrictOnlyTheWorkflowsRoute()
    {
        var chart = fixture.RenderWith("drone-ranges", "ingress:\n  droneEvents:\n    sourceRanges: [203.0.113.0/24, 198.51.100.7/32]\n");

        Assert.Equal("203.0.113.0/24,198.51.100.7/32",
            chart.Get("Ingress", RenderedChart.AppObjectName("workflow")).Annotations["nginx.ingress.kubernetes.io/whitelist-source-range"]);
        foreach (var app in new[] { "ingestion", "delivery" })
        {
            Assert.False(chart.Get("Ingress", RenderedChart.AppObjectName(app)).Annotations.ContainsKey("nginx.ingress.kubernetes.io/whitelist-source-range"));
        }

        Assert.False(chart.Get("Ingress", $"{RenderedChart.AppObjectName("workflow")}-admin").Annotations.ContainsKey("nginx.ingress.kubernetes.io/whitelist-source-range"));
        Assert.All(fixture.Charts[ChartFixture.DefaultValues].OfKind("Ingress"),
            i => Assert.False(i.Annotations.ContainsKey("nginx.ingress.kubernetes.io/whitelist-source-range")));
    }

    private static List<IReadOnlyDictionary<string, object?>> Paths(RenderedChart chart) =>
        chart.OfKind("Ingress")
            .SelectMany(i => i.Spec.Maps("rules"))
            .SelectMany(r => r.Map("http").Maps("paths"))
            .ToList();

    /// <summary>Kubernetes Prefix semantics: element-wise, so /api/deliveries does not match /api/deliveriesX.</summary>
    private static bool PrefixMatches(string prefix, string path) =>
        path == prefix || path.StartsWith(prefix.TrimEnd('/') + "/", StringComparison.Ordinal);
}
