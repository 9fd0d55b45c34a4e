using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// Runs alone: the domain meter is process-wide, so deliveries of other tests running at the same
/// time would move the counters too.
/// </summary>
[CollectionDefinition(nameof(DomainMetricsCollection), DisableParallelization = true)]
public sealed class DomainMetricsCollection;

/// <summary>The local host's <c>/metrics</c> (Prometheus) moves by exactly what happened.</summary>
[Collection(nameof(DomainMetricsCollection))]
public sealed partial class DomainMetricsTests(MetricsHostFixture host) : IClassFixture<MetricsHostFixture>
{
    [Fact]
    public async Task AfterFiveDeliveriesAndTwoBadRequests_TheDomainMetricsMovedByExactlyThat()
    {
        var before = await ScrapeAsync();

        var ids = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.RequestDeliveryAsync(SampleRequests.Json())));
        foreach (var body in new[] { "{}", "not json" })
        {
            using var rejected = await host.Http.PostAsync("/api/deliveryrequests", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        }

        foreach (var id in ids)
        {
            await host.WaitForStageAsync(id, DeliveryStage.Completed, TimeSpan.FromSeconds(60));
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        var after = await ScrapeAsync();
        while (Delta(before, after, "dronedelivery_deliveries_ended_total{stage=\"Completed\"}") < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            after = await ScrapeAsync();
        }

        Assert.Equal(5, Delta(before, after, "dronedelivery_deliveries_requested_total"));
        Assert.Equal(2, Delta(before, after, "dronedelivery_requests_rejected_total"));
        Assert.Equal(5, Delta(before, after, "dronedelivery_deliveries_ended_total{stage=\"Completed\"}"));
        Assert.Equal(0, Delta(before, after, "dronedelivery_compensations_total"));

        // Each delivery left Created, HeadedToPickup and HeadedToDropoff once, got one drone, and waited once in the queue.
        foreach (var stage in new[] { "Created", "HeadedToPickup", "HeadedToDropoff" })
        {
            Assert.Equal(5, Delta(before, after, $"dronedelivery_delivery_stage_duration_seconds_count{{stage=\"{stage}\"}}"));
            Assert.InRange(Delta(before, after, $"dronedelivery_delivery_stage_duration_seconds_sum{{stage=\"{stage}\"}}"), 0, 5 * 60);
        }

        Assert.Equal(0, Delta(before, after, "dronedelivery_delivery_stage_duration_seconds_count{stage=\"Completed\"}"));
        Assert.Equal(5, Delta(before, after, "dronedelivery_drone_assignment_duration_seconds_count"));
        Assert.InRange(Delta(before, after, "dronedelivery_drone_assignment_duration_seconds_sum"), 0, 5 * 60);
        const string queue = "{messaging_destination_name=\"deliveryrequests\"}";
        Assert.Equal(5, Delta(before, after, $"dronedelivery_queue_lag_seconds_count{queue}"));
        Assert.InRange(Delta(before, after, $"dronedelivery_queue_lag_seconds_sum{queue}"), 0, 5 * 10);

        // Every drone is back: the gauge, recounted every half second here, shows the whole fleet of 50.
        var gaugeDeadline = DateTime.UtcNow.AddSeconds(5);
        while ((await ScrapeAsync()).GetValueOrDefault("dronedelivery_drones_available") != 50 && DateTime.UtcNow < gaugeDeadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var scrape = await ScrapeAsync();
        Assert.Equal(50, scrape["dronedelivery_drones_available"]);
        // None charging or in maintenance (a full fleet, MinBattery untouched by 5 short trips): both states reported, at 0.
        Assert.Equal((0d, 0d), (scrape["dronedelivery_drones_grounded{state=\"Charging\"}"], scrape["dronedelivery_drones_grounded{state=\"Maintenance\"}"]));
    }

    [Fact]
    public async Task MetricsFunction_ServesThePrometheusTextAtApiMetrics_AsEveryAppDoes()
    {
        // A counter is exported once something was counted, and this test may run first: count a
        // rejected request (counted before the answer; a delivery would still be moving counters
        // during the other test of this class).
        using (await host.Http.PostAsync("/api/deliveryrequests", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken))
        {
        }

        using var response = await host.Http.GetAsync("/api/metrics", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("# TYPE dronedelivery_requests_rejected_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    private static double Delta(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, string series) =>
        after.GetValueOrDefault(series) - before.GetValueOrDefault(series);

    /// <summary>The dronedelivery_* series of one scrape, keyed by name and labels (without the scope label).</summary>
    private async Task<Dictionary<string, double>> ScrapeAsync()
    {
        var text = await host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match match in SeriesLine().Matches(text))
        {
            var labels = string.Join(",", match.Groups["labels"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Where(label => !label.StartsWith("otel_scope", StringComparison.Ordinal)));
            var key = labels.Length == 0 ? match.Groups["name"].Value : $"{match.Groups["name"].Value}{{{labels}}}";
            series[key] = series.GetValueOrDefault(key) + double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return series;
    }

    [GeneratedRegex(@"^(?<name>dronedelivery_[a-z_]+)(?:\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SeriesLine();
}
