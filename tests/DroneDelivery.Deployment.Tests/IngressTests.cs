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
            [$"/api/deliveries -> {RenderedChart.AppObjectName("delivery")}", $"/api/deliveryrequests -> {RenderedChart.AppObjectName("ingestion")}"],
            routes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void InternalApps_AndHealthEndpoints_HaveNoPublicRoute(string values)
    {
        var chart = fixture.Charts[values];
        var paths = chart.OfKind("Ingress")
            .SelectMany(i => i.Spec.Maps("rules"))
            .SelectMany(r => r.Map("http").Maps("paths"))
            .ToList();

        foreach (var app in new[] { "package", "dronescheduler", "workflow" })
        {
            Assert.DoesNotContain(paths, p => p.Path("backend", "service").Str("name") == RenderedChart.AppObjectName(app));
        }

        Assert.DoesNotContain(paths, p =>
            "/api/health/live".StartsWith(p.Str("path"), StringComparison.Ordinal)
            || "/admin/host/status".StartsWith(p.Str("path"), StringComparison.Ordinal)
            || "/api/packages".StartsWith(p.Str("path"), StringComparison.Ordinal)
            || "/api/dronedeliveries".StartsWith(p.Str("path"), StringComparison.Ordinal));
    }
}
