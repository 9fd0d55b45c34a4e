using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host exporting its spans to memory as well: the test sees what an exporter is sent.</summary>
public sealed class TracingHostFixture : LocalHostFixture
{
    private readonly MemoryExporter _exporter = new();

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
