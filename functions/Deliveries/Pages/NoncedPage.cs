using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Deliveries.Pages;

/// <summary>
/// A page embedded in the delivery app (Pages/*.html), answered with a fresh nonce for its one inline script and
/// style and headers that let it do nothing but run itself and call this origin. A page holds no data: it signs its
/// calls in with a token it takes from the URL fragment.
/// </summary>
public sealed class NoncedPage(string name)
{
    private readonly Lazy<string> _text = new(() =>
    {
        using var resource = typeof(NoncedPage).Assembly.GetManifestResourceStream($"DroneDelivery.Deliveries.Pages.{name}")
            ?? throw new InvalidOperationException($"The page {name} is not embedded in the delivery app.");
        using var reader = new StreamReader(resource);
        return reader.ReadToEnd();
    });

    public IActionResult Answer() => new PageResult(_text.Value, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    private sealed class PageResult(string page, string nonce) : IActionResult
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
            return response.WriteAsync(page.Replace("{{nonce}}", nonce, StringComparison.Ordinal), context.HttpContext.RequestAborted);
        }
    }
}
