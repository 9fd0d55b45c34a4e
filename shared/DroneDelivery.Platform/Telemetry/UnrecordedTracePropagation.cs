using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// The trace context without the spans, for when no trace exporter is configured: the sources whose
/// spans carry a delivery's context onward (incoming and outgoing HTTP, the queue hop and the function
/// calls, Durable Task) create their activities propagation-only — trace and span ids, baggage, no
/// recording, no processor, nothing exported — so every log line of a delivery keeps the trace id of
/// the request that started it and its <c>delivery.id</c>. Leaf spans (store calls) are not created at all.
/// The Functions worker's invocation span is among the hops: the host hands the worker the trigger's trace context.
/// </summary>
/// <remarks>
/// OpenTelemetry's <c>AlwaysOffSampler</c> does not do this: it creates a root span or one with a remote
/// parent propagation-only, but drops one whose parent is local, and Durable Task reads the orchestration's
/// stored trace context back as a local parent, so each orchestration would start a new trace.
/// </remarks>
public sealed class UnrecordedTracePropagation : IHostedService, IDisposable
{
    public const string AspNetCoreSource = "Microsoft.AspNetCore";
    public const string HttpClientSource = "System.Net.Http";
    public const string DurableTaskSource = "Microsoft.DurableTask";
    public const string FunctionsWorkerSource = "Microsoft.Azure.Functions.Worker";

    private static readonly HashSet<string> Sources =
        [DroneDeliveryTelemetry.Name, AspNetCoreSource, HttpClientSource, DurableTaskSource, FunctionsWorkerSource];

    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => Sources.Contains(source.Name),
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,

        // As DeliveryIdProcessor does for recorded spans: a span learns its delivery from its parents
        // (Durable Task tags the orchestration's span with the instance id), and its log lines say so.
        ActivityStarted = DeliveryContext.Tag,
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();
}
