using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>Which exporters the configuration asks for, besides Prometheus (always on).</summary>
public sealed record TelemetryExporters(bool Otlp, bool AzureMonitor, bool Console)
{
    public static TelemetryExporters From(IConfiguration configuration, IHostEnvironment environment) => new(
        Otlp: !string.IsNullOrWhiteSpace(configuration[TelemetryExtensions.OtlpEndpointSetting]),
        AzureMonitor: !string.IsNullOrWhiteSpace(configuration[TelemetryExtensions.AzureMonitorSetting]),
        Console: environment.IsDevelopment() && configuration.GetValue<bool>(TelemetryExtensions.ConsoleExporterSetting));
}
