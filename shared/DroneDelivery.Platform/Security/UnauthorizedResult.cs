using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace DroneDelivery.Platform.Security;

/// <summary>401 problem details with the RFC 6750 challenge: <c>WWW-Authenticate: Bearer</c>, plus the error when a token was sent.</summary>
public sealed class UnauthorizedResult(string detail, bool tokenWasSent) : IActionResult
{
    public string Challenge { get; } = tokenWasSent ? $"Bearer error=\"invalid_token\", error_description=\"{detail}\"" : "Bearer";

    public Task ExecuteResultAsync(ActionContext context)
    {
        context.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        return ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail).ExecuteResultAsync(context);
    }
}
