using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// OpenTelemetry for every app: traces (incoming and outgoing HTTP, the queue hop, Durable,
/// Redis commands; the other stores' registrations add their own sources), metrics (HTTP, runtime, domain) and
/// logs, every span and log line of a delivery carrying its <c>delivery.id</c>. Metrics are always
/// served to Prometheus (<see cref="MetricsFunction"/>); the other exporters are chosen by
/// configuration: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is, the console in Development when
/// <c>Telemetry:ConsoleExporter</c> is true. Spans nobody exports are not recorded (unless
/// <c>Telemetry:RecordSpans</c> asks for them): <see cref="UnrecordedTracePropagation"/> keeps only
/// their trace context, which log lines carry.
/// </summary>
public static class TelemetryExtensions
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ConsoleExporterSetting = "Telemetry:ConsoleExporter";
    public const string RecordSpansSetting = "Telemetry:RecordSpans";

    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var exporters = TelemetryExporters.From(builder.Configuration, builder.Environment);

        // Every log line carries the trace and span ids and the span's baggage, which holds the delivery id.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId | ActivityTrackingOptions.Baggage);

        // ASP.NET Core's "Request starting/finished" lines print the full URL, query included (a released
        // drone's landing coordinates); the server spans record each request with the query redacted.
        builder.Logging.AddFilter(HostingDiagnosticsCategory, LogLevel.Warning);
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics
                .AddMeter(DroneDeliveryTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            });
        builder.Services.AddSingleton<PrometheusScrapeEndpoint>();

        if (exporters.RecordsSpans)
        {
            telemetry.WithTracing(tracing => tracing
                .AddProcessor<DeliveryIdProcessor>()
                .AddSource(DroneDeliveryTelemetry.Name)
                .AddSource(UnrecordedTracePropagation.DurableTaskSource)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.EnrichWithHttpRequest = (activity, _) => DeliveryContext.Tag(activity))
                .AddHttpClientInstrumentation()
                // Redis command spans, drained from the process's multiplexer (when it has one) at least every
                // second. Only here: the instrumentation profiles every command, recorded or not.
                .AddRedisInstrumentation(redis => redis.FlushInterval = TimeSpan.FromSeconds(1)));
        }
        else
        {
            // UseFunctionsWorkerDefaults adds a tracer provider for the worker's own source: it records nothing either.
            telemetry.WithTracing(tracing => tracing.SetSampler(new AlwaysOffSampler()));
            builder.Services.AddHostedService<UnrecordedTracePropagation>();
        }

        if (exporters.Otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter());
        }

        if (exporters.AzureMonitor)
        {
            telemetry.UseAzureMonitorExporter(azure => azure.ConnectionString = builder.Configuration[AzureMonitorSetting]);
        }

        if (exporters.Console)
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter())
                .WithLogging(logging => logging.AddConsoleExporter());
        }

        return builder;
    }
}
