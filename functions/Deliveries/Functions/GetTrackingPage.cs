using System.Security.Cryptography;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/track/{id}</c>: the page a customer opens to watch a delivery — the drone moving
/// between pickup and drop-off on an SVG, the stage timeline and an ETA countdown, live from
/// <c>GET /api/deliveries/{id}/stream</c>. The page holds no data: it signs the stream in with the
/// customer's access token, which it takes from the URL fragment (never sent to a server) and then
/// removes from the address bar. Its one inline script and style run under a per-response nonce.
/// </summary>
public sealed class GetTrackingPage
{
    private static readonly Lazy<string> s_page = new(() =>
    {
        using var resource = typeof(GetTrackingPage).Assembly.GetManifestResourceStream("DroneDelivery.Deliveries.Tracking.Page.track.html")
            ?? throw new InvalidOperationException("The tracking page is not embedded in the delivery app.");
        using var reader = new StreamReader(resource);
        return reader.ReadToEnd();
    });

    [Function(nameof(GetTrackingPage))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "track/{id}")] HttpRequest request,
        string id)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        return new PageResult(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>The page with its nonce, and headers that let it do nothing but run itself and call this origin.</summary>
    private sealed class PageResult(string nonce) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.CacheControl = "no-store";
            return response.WriteAsync(s_page.Value.Replace("{{nonce}}", nonce, StringComparison.Ordinal), context.HttpContext.RequestAborted);
        }
    }
}
