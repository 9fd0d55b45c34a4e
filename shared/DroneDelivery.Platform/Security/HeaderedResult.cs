using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Platform.Security;

/// <summary>An answer with one response header set before it is written (<c>WWW-Authenticate</c>, <c>Retry-After</c>).</summary>
public sealed class HeaderedResult(IActionResult inner, string header, string value) : IActionResult
{
    public string Header { get; } = header;

    public string Value { get; } = value;

    public Task ExecuteResultAsync(ActionContext context)
    {
        context.HttpContext.Response.Headers[Header] = Value;
        return inner.ExecuteResultAsync(context);
    }
}
