using DroneDelivery.Platform.Hosting;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DroneDelivery.Platform.Health;

/// <summary>
/// Liveness and readiness probes. Defined once here; the worker SDK lists functions of
/// referenced assemblies in each app's functions.metadata, so every app serves them.
/// </summary>
public sealed class HealthFunctions(HealthCheckService health)
{
    [Function(nameof(Live))]
    public Task<IActionResult> Live(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest request) =>
        CheckAsync(ServiceDefaultsExtensions.LiveTag, request.HttpContext.RequestAborted);

    [Function(nameof(Ready))]
    public Task<IActionResult> Ready(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request) =>
        CheckAsync(ServiceDefaultsExtensions.ReadyTag, request.HttpContext.RequestAborted);

    private async Task<IActionResult> CheckAsync(string tag, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(tag), cancellationToken);
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new { status = entry.Value.Status.ToString(), entry.Value.Description }),
        };
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return new JsonBodyResult(status, body);
    }
}
