using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// <c>GET /api/metrics</c>: the app's metrics in the Prometheus text format, for the scraper.
/// Defined once here; every app's functions.metadata lists it (as it does the health functions).
/// </summary>
public sealed class MetricsFunction(PrometheusScrapeEndpoint endpoint)
{
    [Function("Metrics")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "metrics")] HttpRequest request) =>
        new ScrapeResult(endpoint);

    private sealed class ScrapeResult(PrometheusScrapeEndpoint endpoint) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => endpoint.ServeAsync(context.HttpContext);
    }
}
