using System.Text.Json;
using System.Text.RegularExpressions;
using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

/// <summary>
/// Monitoring objects: rendered only when enabled, and their queries name metrics that exist — the
/// apps' own (read from the instruments declared in DroneDeliveryTelemetry.cs, named as the
/// Prometheus exporter names them), ASP.NET Core's, KEDA's and kube-state-metrics'.
/// </summary>
[Collection(ChartCollection.Name)]
public sealed partial class ObservabilityTests(ChartFixture fixture)
{
    private static readonly string[] ExternalMetrics =
    [
        "http_server_request_duration_seconds_count", "http_server_request_duration_seconds_bucket",
        "keda_scaler_metrics_value", "kube_deployment_status_replicas",
    ];

    [Fact]
    public void MonitoringObjects_AreRenderedOnlyWhenEnabled()
    {
        var defaults = fixture.Charts[ChartFixture.DefaultValues];
        var production = fixture.Charts[ChartFixture.ProductionValues];

        foreach (var kind in new[] { "PodMonitor", "PrometheusRule" })
        {
            Assert.Empty(defaults.OfKind(kind));
            Assert.Single(production.OfKind(kind));
        }

        Assert.DoesNotContain(defaults.OfKind("ConfigMap"), map => map.Labels.ContainsKey("grafana_dashboard"));
        Assert.Single(production.OfKind("ConfigMap"), map => map.Labels.GetValueOrDefault("grafana_dashboard") == "1");
    }

    [Fact]
    public void PodMonitor_ScrapesEveryAppsMetricsFunction()
    {
        var monitor = Assert.Single(fixture.Charts[ChartFixture.ProductionValues].OfKind("PodMonitor"));

        var endpoint = Assert.Single(monitor.Spec.Maps("podMetricsEndpoints"));
        Assert.Equal("http", endpoint.Str("port"));
        Assert.Equal("/api/metrics", endpoint.Str("path"));
        Assert.Equal("dronedelivery", monitor.Spec.Map("selector").StringMap("matchLabels")["app.kubernetes.io/part-of"]);
    }

    [Fact]
    public void Scraping_IsLetThroughTheNetworkPolicies()
    {
        var chart = fixture.Charts[ChartFixture.ProductionValues];

        foreach (var app in RenderedChart.Apps)
        {
            var policy = chart.Get("NetworkPolicy", RenderedChart.AppObjectName(app));
            Assert.Contains(policy.Spec.Maps("ingress"), rule => rule.Maps("from").Any(from =>
                from.MapOrNull("namespaceSelector")?.StringMap("matchLabels").GetValueOrDefault("kubernetes.io/metadata.name") == "monitoring"));
        }
    }

    [Fact]
    public void Dashboard_ParsesAndShowsThroughputLatencyQueueDepthAndReplicas_FromRealMetrics()
    {
        var map = Assert.Single(fixture.Charts[ChartFixture.ProductionValues].OfKind("ConfigMap"), map => map.Labels.ContainsKey("grafana_dashboard"));
        using var dashboard = JsonDocument.Parse(map.Root.Map("data").Str("dronedelivery.json"));

        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
        var metrics = expressions.SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("http_server_request_duration_seconds_count", metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics);
        Assert.Contains("keda_scaler_metrics_value", metrics);
        Assert.Contains("kube_deployment_status_replicas", metrics);
        Assert.Contains(expressions, expression => expression.Contains("histogram_quantile(0.99", StringComparison.Ordinal));
        AssertExported(metrics);
    }

    [Fact]
    public void Alerts_CoverDeadLettersQueueLagFailureRatioAndDrones_FromRealMetrics()
    {
        var rule = Assert.Single(fixture.Charts[ChartFixture.ProductionValues].OfKind("PrometheusRule"));
        var rules = rule.Spec.Maps("groups").SelectMany(group => group.Maps("rules")).ToDictionary(r => r.Str("alert"), r => r.Str("expr"));

        Assert.Equal(
            ["DroneDeliveryDeadLettersGrowing", "DroneDeliveryFailureRatioHigh", "DroneDeliveryNoDronesAvailable", "DroneDeliveryQueueLagHigh"],
            rules.Keys.Order(StringComparer.Ordinal));
        Assert.EndsWith("> 30", rules["DroneDeliveryQueueLagHigh"].Trim(), StringComparison.Ordinal);
        Assert.EndsWith("> 0.1", rules["DroneDeliveryFailureRatioHigh"].Trim(), StringComparison.Ordinal);
        AssertExported(rules.Values.SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void ExportedMetricNames_AreReadFromEveryDomainInstrument()
    {
        var exported = ExportedDomainMetrics();

        Assert.Contains("dronedelivery_deliveries_requested_total", exported);
        Assert.Contains("dronedelivery_queue_lag_seconds_bucket", exported);
        Assert.Contains("dronedelivery_drones_available", exported);
        Assert.Equal(9, exported.Count(name => !name.EndsWith("_sum", StringComparison.Ordinal) && !name.EndsWith("_count", StringComparison.Ordinal)));
    }

    private void AssertExported(IReadOnlySet<string> metrics)
    {
        var known = ExportedDomainMetrics().Concat(ExternalMetrics).ToHashSet(StringComparer.Ordinal);
        var unknown = metrics.Where(metric => !known.Contains(metric)).ToList();
        Assert.True(unknown.Count == 0, $"not exported by the apps, ASP.NET Core, KEDA or kube-state-metrics: {string.Join(", ", unknown)}");
    }

    /// <summary>Metric names as the OpenTelemetry Prometheus exporter writes the domain instruments.</summary>
    private HashSet<string> ExportedDomainMetrics()
    {
        var source = File.ReadAllText(Path.Combine(fixture.RepoRoot, "shared", "DroneDelivery.Platform", "Telemetry", "DroneDeliveryTelemetry.cs"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Instrument().Matches(source))
        {
            var name = match.Groups["name"].Value.Replace('.', '_') + (match.Groups["unit"].Value == "s" ? "_seconds" : string.Empty);
            switch (match.Groups["kind"].Value)
            {
                case "Counter":
                    names.Add(name + "_total");
                    break;
                case "Histogram":
                    names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
                    break;
                default:
                    names.Add(name);
                    break;
            }
        }

        return names;
    }

    private static IEnumerable<string> MetricNames(string expression) =>
        Selector().Matches(expression).Select(match => match.Groups["metric"].Value);

    [GeneratedRegex("""Create(?<kind>Counter|Histogram|ObservableGauge)(?:<\w+>)?\("(?<name>dronedelivery\.[a-z.]+)",(?: \w+,)? "(?<unit>[^"]*)""")]
    private static partial Regex Instrument();

    [GeneratedRegex(@"(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\{")]
    private static partial Regex Selector();
}
