using System.Collections.Concurrent;
using System.Diagnostics;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Telemetry;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>One delivery is one trace: the POST, the queue hop, the orchestration's work and the calls between services.</summary>
public sealed class DeliveryTraceTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>, IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private ActivityListener? _listener;

    public void Dispose() => _listener?.Dispose();

    [Fact]
    public async Task ADelivery_IsOneTrace_FromThePostThroughTheQueueToTheServices()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);

        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, TimeSpan.FromSeconds(60));
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var post = Assert.Single(_spans, span => span.DisplayName == "function CreateDeliveryRequest" && Equals(span.GetTagItem(DroneDeliveryTelemetry.DeliveryIdTag), deliveryId));
        var trace = _spans.Where(span => span.TraceId == post.TraceId).OrderBy(span => span.StartTimeUtc).ToList();
        foreach (var span in trace)
        {
            output.WriteLine($"{span.StartTimeUtc:HH:mm:ss.fff} {span.Duration.TotalMilliseconds,8:F1} ms  {span.Kind,-8} {span.Source.Name,-22} {span.DisplayName}");
        }

        Assert.Contains(trace, span => span.DisplayName == "POST /api/deliveryrequests" && span.Kind == ActivityKind.Server);
        Assert.Contains(trace, span => span.DisplayName == "deliveryrequests receive" && span.Kind == ActivityKind.Consumer);
        Assert.Contains(trace, span => span.DisplayName == "function ProcessDeliveryMessage"
            && Equals(span.GetTagItem(DroneDeliveryTelemetry.DeliveryIdTag), deliveryId));
        Assert.Contains(trace, span => span.DisplayName == "orchestration:DeliveryOrchestrator");
        foreach (var activity in new[] { "CreatePackage", "SaveDeliveryRecord", "AssignDrone", "DispatchDrone", "ChangeDeliveryStage", "ReleaseDrone" })
        {
            Assert.Contains(trace, span => span.DisplayName == $"activity:{activity}" && span.Kind == ActivityKind.Server);
        }

        foreach (var route in new[] { "PUT /api/packages/{id}", "PUT /api/dronedeliveries/{id}", "PUT /api/deliveries/{id}", "PATCH /api/deliveries/{id}", "DELETE /api/dronedeliveries/{id}" })
        {
            Assert.Contains(trace, span => span.DisplayName == route && span.Kind == ActivityKind.Server);
        }
    }
}
