using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// Which exporters the configuration asks for, besides Prometheus (always on), and whether spans are
/// recorded without one (<c>Telemetry:RecordSpans</c>: an exporter or processor added in code, as tests do).
/// </summary>
public sealed record TelemetryExporters(bool Otlp, bool AzureMonitor, bool Console, bool RecordSpansWithoutExporter = false)
{
    /// <summary>Spans are recorded only for someone: an exporter sends them, or they were asked for.</summary>
    public bool RecordsSpans => Otlp || AzureMonitor || Console || RecordSpansWithoutExporter;

    public static TelemetryExporters From(IConfiguration configuration, IHostEnvironment environment) => new(
        Otlp: !string.IsNullOrWhiteSpace(configuration[TelemetryExtensions.OtlpEndpointSetting]),
        AzureMonitor: !string.IsNullOrWhiteSpace(configuration[TelemetryExtensions.AzureMonitorSetting]),
        Console: environment.IsDevelopment() && configuration.GetValue<bool>(TelemetryExtensions.ConsoleExporterSetting),
        RecordSpansWithoutExporter: configuration.GetValue<bool>(TelemetryExtensions.RecordSpansSetting));
}
