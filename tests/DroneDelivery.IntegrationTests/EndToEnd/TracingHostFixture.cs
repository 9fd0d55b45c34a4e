using System.Collections.Concurrent;
using System.Diagnostics;
using DroneDelivery.Platform.Telemetry;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host exporting its spans to memory: the test sees what an exporter is sent. No exporter is
/// configured, so it asks for spans to be recorded (<see cref="TelemetryExtensions.RecordSpansSetting"/>).
/// </summary>
public sealed class TracingHostFixture : LocalHostFixture
{
    private readonly MemoryExporter _exporter = new();

    protected override string[] Settings => [$"--{TelemetryExtensions.RecordSpansSetting}", "true"];

    /// <summary>The spans exported so far.</summary>
    public IReadOnlyList<Activity> ExportedSpans() => [.. _exporter.Spans];

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(_exporter)));

    private sealed class MemoryExporter : BaseExporter<Activity>
    {
        public ConcurrentQueue<Activity> Spans { get; } = new();

        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                Spans.Enqueue(span);
            }

            return ExportResult.Success;
        }
    }
}
