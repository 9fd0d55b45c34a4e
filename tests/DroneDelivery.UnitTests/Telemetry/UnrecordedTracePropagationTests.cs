using System.Diagnostics;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Telemetry;
using DroneDelivery.UnitTests.Support;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;

namespace DroneDelivery.UnitTests.Telemetry;

/// <summary>An app with no trace exporter records no span, yet a delivery's trace context travels as before.</summary>
public sealed class UnrecordedTracePropagationTests : IAsyncLifetime
{
    private IHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        // No configuration sources at all: an exporter set in the environment must not turn recording on.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.AddTelemetry();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Baggage.Current = default;
    }

    [Fact]
    public void NoTraceExporter_SpansAreNotRecorded_YetTheQueueConsumerAndTheOrchestrationContinueTheRequestsTrace()
    {
        using var durableTask = new ActivitySource(UnrecordedTracePropagation.DurableTaskSource);
        using var functionsWorker = new ActivitySource(UnrecordedTracePropagation.FunctionsWorkerSource);

        ActivityTraceId requestTrace;
        QueueMessage message;
        using (var request = DroneDeliveryTelemetry.Source.StartActivity("POST /api/deliveryrequests", ActivityKind.Server))
        {
            Assert.NotNull(request);
            Assert.False(request.IsAllDataRequested);
            Assert.False(request.Recorded);

            // The worker's invocation span: the source a tracer provider listens to (UseFunctionsWorkerDefaults) records nothing either.
            using var invocation = functionsWorker.StartActivity("Invoke");
            Assert.NotNull(invocation);
            Assert.False(invocation.IsAllDataRequested);
            using var function = DroneDeliveryTelemetry.Source.StartActivity("function CreateDeliveryRequest");
            DeliveryContext.Enter("d-1");
            message = DeliveryMessages.Create(Samples.Request("d-1"));
            requestTrace = request.TraceId;
        }

        // The queue consumer's span (and so its log lines) joins the request's trace.
        using var receive = MessageProcessing.Start(QueueNames.DeliveryRequests, new TriggerMessageMetadata("d-1", 1, message.Properties));
        Assert.NotNull(receive);
        Assert.Equal(requestTrace, receive.TraceId);
        Assert.False(receive.Recorded);

        // Durable Task reads the trace context it stored with the orchestration back as a local parent:
        // the orchestration's span is still created, and the orchestrator function's span learns the delivery from it.
        Assert.True(ActivityContext.TryParse(receive.Id, null, out var stored));
        using var orchestration = durableTask.StartActivity("orchestration:DeliveryOrchestrator", ActivityKind.Server, stored);
        Assert.NotNull(orchestration);
        orchestration.SetTag(DeliveryContext.DurableInstanceIdTag, "d-1");
        using var orchestrator = DroneDeliveryTelemetry.Source.StartActivity("function DeliveryOrchestrator");
        Assert.NotNull(orchestrator);
        Assert.Equal(requestTrace, orchestrator.TraceId);
        Assert.Equal("d-1", orchestrator.GetBaggageItem(DroneDeliveryTelemetry.DeliveryIdTag));
        Assert.False(orchestrator.Recorded);
    }
}
