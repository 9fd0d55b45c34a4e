using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// Every log line on a delivery's path says which delivery and which trace it belongs to, and nothing personal —
/// with no trace exporter configured (the local host's default), so with no span recorded, only propagated.
/// </summary>
public sealed class DeliveryLogTests(LoggingHostFixture host) : IClassFixture<LoggingHostFixture>
{
    [Fact]
    public async Task ADeliverysLogLines_CarryItsIdAndTraceInTheirScope_AndNoPersonalData()
    {
        Assert.Contains(host.Services.GetServices<IHostedService>(), service => service is UnrecordedTracePropagation);

        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, TimeSpan.FromSeconds(60));
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var logs = host.Logs.Logs.ToList();
        var ofDelivery = logs.Where(log => log.Scopes.GetValueOrDefault(DroneDeliveryTelemetry.DeliveryIdTag) == deliveryId).ToList();
        var traceIds = ofDelivery.Select(log => log.Scopes.GetValueOrDefault("TraceId")).OfType<string>().ToHashSet();

        // The path: ingestion, the queue trigger, the saga, the scheduler service, the HTTP calls between them.
        string[] path =
        [
            "DroneDelivery.Ingestion.Functions.CreateDeliveryRequest", "DroneDelivery.Workflow.Functions.ProcessDeliveryMessage", "DeliverySaga",
            "DroneDelivery.DroneScheduler.Services.DroneAssigner", "DroneDelivery.Packages.Functions.PutPackage",
        ];
        var categories = ofDelivery.Select(log => log.Category).ToHashSet();
        Assert.True(path.All(categories.Contains), $"missing {string.Join(", ", path.Except(categories))}; present: {string.Join(", ", categories)}");
        Assert.Contains(categories, category => category.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal));

        // The POST that created the delivery, the queue hop and the calls the orchestration makes share one trace id.
        var postTrace = Assert.Single(ofDelivery, log => log.Category.EndsWith("CreateDeliveryRequest", StringComparison.Ordinal)).Scopes["TraceId"];
        Assert.Contains(ofDelivery, log => log.Category.EndsWith("ProcessDeliveryMessage", StringComparison.Ordinal) && log.Scopes["TraceId"] == postTrace);
        Assert.Contains(ofDelivery, log => log.Category.EndsWith("DroneAssigner", StringComparison.Ordinal) && log.Scopes["TraceId"] == postTrace);

        // Our own lines written in the delivery's traces all carry its id (framework lines before the id is known may not).
        var ownUntagged = logs.Where(log => log.Category.StartsWith("DroneDelivery.", StringComparison.Ordinal)
                && log.Scopes.GetValueOrDefault("TraceId") is { } trace && traceIds.Contains(trace)
                && log.Scopes.GetValueOrDefault(DroneDeliveryTelemetry.DeliveryIdTag) != deliveryId)
            .Select(log => $"{log.Category}: {log.Message}").ToList();
        Assert.True(ownUntagged.Count == 0, string.Join("\n", ownUntagged));

        // No owner and no coordinates at Information and above, in any line.
        var personal = logs.Where(log => log.Level >= LogLevel.Information
                && new[] { "owner-1", "latitude=", "longitude=", "47.64", "-122.13", "47.61", "-122.2" }.Any(text => log.Message.Contains(text, StringComparison.Ordinal)))
            .Select(log => $"{log.Category}: {log.Message}").ToList();
        Assert.True(personal.Count == 0, string.Join("\n", personal));
    }
}
