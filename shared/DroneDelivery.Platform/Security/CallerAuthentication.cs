using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace DroneDelivery.Platform.Security;

/// <summary>
/// What every customer endpoint calls first: the caller named by the request's bearer token, or
/// the 401 to answer instead. Functions call it explicitly because the isolated worker does not run
/// ASP.NET Core's authentication middleware; the local host runs the same function code, so both
/// paths check tokens here. Tokens are never logged.
/// </summary>
public sealed class CallerAuthentication(BearerTokenValidator validator, ILogger<CallerAuthentication> logger)
{
    private const string Scheme = "Bearer ";

    public async Task<(Caller? Caller, IActionResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = BearerToken(request);
        if (token is null)
        {
            return (null, new UnauthorizedResult("Send a bearer token: Authorization: Bearer <token>.", tokenWasSent: false));
        }

        var check = await validator.ValidateAsync(token, cancellationToken);
        if (check.Caller is null)
        {
            logger.LogInformation("Refused a bearer token on {Method} {Path}: {Reason}", request.Method, request.Path, check.Failure);
            return (null, new UnauthorizedResult(check.Failure!, tokenWasSent: true));
        }

        return (check.Caller, null);
    }

    /// <summary>The raw token of an <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
