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

    /// <summary>
    /// Production runs on AKS managed Prometheus (the ama-metrics add-on), which reads PodMonitors of
    /// group azmonitoring.coreos.com only; a monitoring.coreos.com PodMonitor would scrape nothing there.
    /// </summary>
    [Fact]
    public void PodMonitor_ScrapesEveryAppsMetricsFunction_ForManagedPrometheus()
    {
        var chart = fixture.Charts[ChartFixture.ProductionValues];
        var monitor = Assert.Single(chart.OfKind("PodMonitor"));

        Assert.Equal("azmonitoring.coreos.com/v1", monitor.ApiVersion);
        Assert.Equal("63", monitor.Spec.Str("labelLimit"));
        var endpoint = Assert.Single(monitor.Spec.Maps("podMetricsEndpoints"));
        Assert.Equal("/api/metrics", endpoint.Str("path"));
        var selector = monitor.Spec.Map("selector").StringMap("matchLabels");
        foreach (var app in RenderedChart.Apps)
        {
            var podLabels = chart.PodLabels(app);
            Assert.All(selector, label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
            var container = Assert.Single(chart.Containers(app));
            Assert.Contains(container.Maps("ports"), port => port.Str("name") == endpoint.Str("port") && port.Str("containerPort") == "8080");
        }
    }

    [Fact]
    public void PodMonitor_CanTargetASelfHostedPrometheusOperator()
    {
        var chart = fixture.RenderWith("operator", "observability:\n  podMonitor:\n    enabled: true\n    mode: prometheusOperator\n    interval: 30s\n    labels: {release: kube-prometheus-stack}\n");

        var monitor = Assert.Single(chart.OfKind("PodMonitor"));
        Assert.Equal("monitoring.coreos.com/v1", monitor.ApiVersion);
        Assert.Equal("kube-prometheus-stack", monitor.Labels["release"]);
    }

    /// <summary>
    /// Each HTTP app's KEDA trigger must read a series that is collected: a metric the apps serve at
    /// /api/metrics, selected only by labels the PodMonitor's relabelings give it, with the values those
    /// relabelings produce for that app's pods (an ingress metric or OTLP resource labels: nothing).
    /// </summary>
    [Theory]
    [InlineData("ingestion")]
    [InlineData("delivery")]
    [InlineData("package")]
    [InlineData("dronescheduler")]
    public void PrometheusTriggers_ReadSeriesThePodMonitorCollects(string app)
    {
        var chart = fixture.Charts[ChartFixture.ProductionValues];
        var monitor = Assert.Single(chart.OfKind("PodMonitor"));
        var relabelings = Assert.Single(monitor.Spec.Maps("podMetricsEndpoints")).Maps("relabelings").ToList();
        var trigger = Assert.Single(
            chart.Get("ScaledObject", RenderedChart.AppObjectName(app)).Spec.Maps("triggers"),
            t => t.Str("type") == "prometheus").Map("metadata");
        var query = trigger.Str("query");

        var selectors = SelectorWithLabels().Matches(query).ToList();
        Assert.NotEmpty(selectors);
        AssertExported(selectors.Select(s => s.Groups["metric"].Value).ToHashSet(StringComparer.Ordinal));
        foreach (Match matcher in selectors.SelectMany(s => Matcher().Matches(s.Groups["labels"].Value)))
        {
            var label = matcher.Groups["label"].Value;
            var relabeling = relabelings.SingleOrDefault(r => r.StrOrNull("targetLabel") == label);
            Assert.True(relabeling is not null, $"{app}'s query selects on '{label}', which the PodMonitor does not set");
            Assert.Equal(RelabeledValue(chart, app, relabeling!), matcher.Groups["value"].Value);
        }
    }

    [Fact]
    public void Scraping_IsLetThroughTheNetworkPolicies_ForTheManagedPrometheusCollector()
    {
        var chart = fixture.Charts[ChartFixture.ProductionValues];

        foreach (var app in RenderedChart.Apps)
        {
            var policy = chart.Get("NetworkPolicy", RenderedChart.AppObjectName(app));
            Assert.Contains(policy.Spec.Maps("ingress"), rule =>
                rule.Maps("ports").Any(port => port.Str("port") == "8080") &&
                rule.Maps("from").Any(from =>
                    from.MapOrNull("namespaceSelector")?.StringMap("matchLabels").GetValueOrDefault("kubernetes.io/metadata.name") == "kube-system" &&
                    from.MapOrNull("podSelector")?.StringMap("matchLabels").GetValueOrDefault("rsName") == "ama-metrics"));
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
        Assert.Contains("dronedelivery_drones_grounded", metrics);
        Assert.Contains("dronedelivery_deliveries_held_total", metrics);
        Assert.Contains(expressions, expression => expression.Contains("dronedelivery_deliveries_ended_total", StringComparison.Ordinal) && expression.Contains("stage=\"Failed\"", StringComparison.Ordinal));
        Assert.Contains(expressions, expression => expression.Contains("histogram_quantile(0.99", StringComparison.Ordinal));
        AssertExported(metrics);
    }

    [Fact]
    public void Alerts_CoverDeadLettersQueueLagFailureRatioAndDrones_FromRealMetrics()
    {
        var rule = Assert.Single(fixture.Charts[ChartFixture.ProductionValues].OfKind("PrometheusRule"));
        var rules = rule.Spec.Maps("groups").SelectMany(group => group.Maps("rules")).ToDictionary(r => r.Str("alert"), r => r.Str("expr"));

        Assert.Equal(
            [
                "DroneDeliveryDeadLettersGrowing", "DroneDeliveryDeliveriesHeld", "DroneDeliveryDronesGrounded", "DroneDeliveryFailedDeliveries", "DroneDeliveryFailureRatioHigh",
                "DroneDeliveryNoDronesAvailable", "DroneDeliveryQueueLagHigh",
            ],
            rules.Keys.Order(StringComparer.Ordinal));
        Assert.EndsWith("> 30", rules["DroneDeliveryQueueLagHigh"].Trim(), StringComparison.Ordinal);
        Assert.EndsWith("> 0.1", rules["DroneDeliveryFailureRatioHigh"].Trim(), StringComparison.Ordinal);
        Assert.EndsWith("> 0.5", rules["DroneDeliveryDronesGrounded"].Trim(), StringComparison.Ordinal);
        Assert.Contains("dronedelivery_drones_grounded", rules["DroneDeliveryDronesGrounded"], StringComparison.Ordinal);
        Assert.Contains("stage=\"Failed\"", rules["DroneDeliveryFailedDeliveries"], StringComparison.Ordinal);
        Assert.Contains("dronedelivery_deliveries_held_total", rules["DroneDeliveryDeliveriesHeld"], StringComparison.Ordinal);
        AssertExported(rules.Values.SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void ExportedMetricNames_AreReadFromEveryDomainInstrument()
    {
        var exported = ExportedDomainMetrics();

        Assert.Contains("dronedelivery_deliveries_requested_total", exported);
        Assert.Contains("dronedelivery_queue_lag_seconds_bucket", exported);
        Assert.Contains("dronedelivery_drones_available", exported);
        Assert.Contains("dronedelivery_drones_grounded", exported);
        Assert.Equal(11, exported.Count(name => !name.EndsWith("_sum", StringComparison.Ordinal) && !name.EndsWith("_count", StringComparison.Ordinal)));
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

    /// <summary>The value a PodMonitor relabeling gives the series of one app's pods.</summary>
    private static string RelabeledValue(RenderedChart chart, string app, IReadOnlyDictionary<string, object?> relabeling)
    {
        var source = Assert.Single(relabeling.List("sourceLabels").Cast<string>());
        Assert.Null(relabeling.StrOrNull("regex"));
        const string PodLabel = "__meta_kubernetes_pod_label_";
        if (source == "__meta_kubernetes_namespace")
        {
            return Helm.Namespace;
        }

        Assert.StartsWith(PodLabel, source, StringComparison.Ordinal);
        // Prometheus' service discovery writes pod label names with every character outside [a-zA-Z0-9_] as '_'.
        var pod = chart.PodLabels(app).Single(label => NotLabelChar().Replace(label.Key, "_") == source[PodLabel.Length..]);
        return pod.Value;
    }

    private static IEnumerable<string> MetricNames(string expression) =>
        Selector().Matches(expression).Select(match => match.Groups["metric"].Value);

    [GeneratedRegex("""Create(?<kind>Counter|Histogram|ObservableGauge)(?:<\w+>)?\("(?<name>dronedelivery\.[a-z.]+)",(?: \w+,)? "(?<unit>[^"]*)""")]
    private static partial Regex Instrument();

    [GeneratedRegex(@"(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\{")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\}")]
    private static partial Regex SelectorWithLabels();

    [GeneratedRegex("(?<label>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Matcher();

    [GeneratedRegex("[^a-zA-Z0-9_]")]
    private static partial Regex NotLabelChar();
}
