using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// The OpenTelemetry Prometheus exporter's scrape handler as a request delegate, so an HTTP
/// function can serve it: the Functions host only routes requests to functions, so the exporter's
/// own endpoint mapping does not reach the worker.
/// </summary>
public sealed class PrometheusScrapeEndpoint(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> _handler = new(() =>
    {
        var app = new ApplicationBuilder(services);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: _ => true, path: null, configureBranchedPipeline: null, optionsName: null);
        return app.Build();
    });

    public Task ServeAsync(HttpContext context) => _handler.Value(context);
}
