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
public sealed partial class DomainMetricsTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task AfterFiveDeliveriesAndTwoBadRequests_TheDomainCountersMovedByExactlyThat()
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
