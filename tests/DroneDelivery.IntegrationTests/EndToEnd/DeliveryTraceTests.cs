using System.Diagnostics;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Stores;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Telemetry;
using DroneDelivery.Workflow.Orchestrations;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// One delivery is one trace: the POST, the queue hop, the orchestration, its activities, the calls
/// between services and every store call, each span tagged with the delivery's id.
/// </summary>
public sealed class DeliveryTraceTests(TracingHostFixture host, ITestOutputHelper output) : IClassFixture<TracingHostFixture>
{
    private const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    [Fact]
    public async Task ADelivery_IsOneTrace_FromThePostThroughTheQueueToTheServicesAndStores()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, TimeSpan.FromSeconds(60));

        // Redis command spans are drained from the profiler every second.
        await Task.Delay(2500, TestContext.Current.CancellationToken);

        var exported = host.ExportedSpans();
        var post = Assert.Single(exported, span => span.DisplayName == "POST /api/deliveryrequests" && Equals(span.GetTagItem(DroneDeliveryTelemetry.DeliveryIdTag), deliveryId));
        var trace = exported.Where(span => span.TraceId == post.TraceId).ToList();
        output.WriteLine(SpanTree.Render(trace));

        // The customer's own client span (the test's HttpClient) is the root; the system's spans are the rest.
        var system = trace.Where(span => span.SpanId != post.ParentSpanId).ToList();

        Assert.Contains(trace, span => span.DisplayName == "POST /api/deliveryrequests" && span.Kind == ActivityKind.Server);
        // The queue hop: the trigger function's consumer span joins the message's trace and links to its invocation.
        var process = Assert.Single(trace, span => span.DisplayName == "process deliveryrequests" && span.Kind == ActivityKind.Consumer);
        var invocation = Assert.Single(exported, span => span.DisplayName == "function ProcessDeliveryMessage" && span.SpanId == Assert.Single(process.Links).Context.SpanId);
        Assert.NotEqual(post.TraceId, invocation.TraceId);
        // Durable names its spans "{kind}:{name}@({version})": the saga's current version and its activities.
        var version = $"@({DeliverySagaVersions.Current})";
        Assert.Contains(trace, span => span.DisplayName == $"orchestration:DeliveryOrchestrator{version}");
        foreach (var activity in new[] { "OpenDelivery", "AssignDrone", "DispatchDelivery", "ChangeDeliveryStage", "CompleteDelivery" })
        {
            Assert.Contains(trace, span => span.DisplayName == $"activity:{activity}{version}" && span.Kind == ActivityKind.Server);
        }

        foreach (var route in new[] { "PUT /api/packages/{id}", "PUT /api/dronedeliveries/{id}", "PUT /api/deliveries/{id}", "PATCH /api/deliveries/{id}", "DELETE /api/dronedeliveries/{id}" })
        {
            Assert.Contains(trace, span => span.DisplayName == route && span.Kind == ActivityKind.Server);
        }

        // Store calls: the embedded LiteDB stand-ins for MongoDB (packages) and Cosmos DB (drones), and Redis (deliveries).
        Assert.Contains(trace, span => span.Source.Name == StoreTelemetry.SourceName && span.DisplayName == "CreateIfAbsent packages" && span.Kind == ActivityKind.Client);
        Assert.Contains(trace, span => span.Source.Name == StoreTelemetry.SourceName && span.DisplayName == "TryReplace drones");
        Assert.Contains(trace, span => span.Source.Name == RedisSource && span.Kind == ActivityKind.Client);

        var untagged = system.Where(span => !Equals(span.GetTagItem(DroneDeliveryTelemetry.DeliveryIdTag), deliveryId)).Select(span => $"{span.Source.Name}: {span.DisplayName}").ToList();
        Assert.True(untagged.Count == 0, $"spans without delivery.id={deliveryId}: {string.Join("; ", untagged)}");
    }
}
