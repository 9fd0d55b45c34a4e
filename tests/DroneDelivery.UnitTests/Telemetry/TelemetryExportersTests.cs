using DroneDelivery.Platform.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NSubstitute;

namespace DroneDelivery.UnitTests.Telemetry;

public sealed class TelemetryExportersTests
{
    [Fact]
    public void From_NothingConfigured_ExportsOnlyToPrometheus()
    {
        Assert.Equal(new TelemetryExporters(false, false, false), TelemetryExporters.From(Settings(), Environment(Environments.Production)));
    }

    [Fact]
    public void From_OtlpEndpointAndConnectionString_ExportsToBoth()
    {
        var exporters = TelemetryExporters.From(
            Settings(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=x")),
            Environment(Environments.Production));

        Assert.Equal(new TelemetryExporters(true, true, false), exporters);
    }

    [Theory]
    [InlineData("Development", "true", true)]
    [InlineData("Development", null, false)]
    [InlineData("Production", "true", false)]
    public void From_ConsoleExporter_OnlyInDevelopmentWhenAskedFor(string environment, string? setting, bool console)
    {
        var exporters = TelemetryExporters.From(Settings(("Telemetry:ConsoleExporter", setting)), Environment(environment));

        Assert.Equal(console, exporters.Console);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("http://collector:4317", null, true)]
    [InlineData(null, "true", true)]
    public void RecordsSpans_OnlyWithAnExporterOrWhenAskedFor(string? otlpEndpoint, string? recordSpans, bool records)
    {
        var exporters = TelemetryExporters.From(
            Settings(("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint), ("Telemetry:RecordSpans", recordSpans)), Environment(Environments.Production));

        Assert.Equal(records, exporters.RecordsSpans);
    }

    private static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static IHostEnvironment Environment(string name)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(name);
        return environment;
    }
}
