using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace DroneDelivery.Platform.Security;

/// <summary>
/// The caller named by the request's bearer token, or the answer to give instead: 401 with the
/// RFC 6750 challenge, or 503 while the issuer's signing keys cannot be fetched. The function
/// pipeline runs it (<see cref="CustomerAuthenticator"/>, <see cref="AdminAuthenticator"/>) before
/// every function that declares a customer policy, in the worker and the local host alike: the
/// isolated worker does not run ASP.NET Core's authentication middleware. Tokens are never logged.
/// </summary>
public sealed class CallerAuthentication(BearerTokenValidator validator, ILogger<CallerAuthentication> logger)
{
    private const string Scheme = "Bearer ";

    public async Task<(Caller? Caller, IActionResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = BearerToken(request);
        if (token is null)
        {
            return (null, Unauthorized("Send a bearer token: Authorization: Bearer <token>.", "Bearer"));
        }

        TokenCheck check;
        try
        {
            check = await validator.ValidateAsync(token, cancellationToken);
        }
        catch (InvalidOperationException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The OpenID Connect metadata could not be fetched (and no earlier copy is cached).
            logger.LogWarning("Cannot check bearer tokens: the issuer's signing keys are unavailable ({Error})", exception.Message);
            return (null, new HeaderedResult(
                ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The token issuer's signing keys cannot be fetched; try again shortly."),
                HeaderNames.RetryAfter,
                "30"));
        }

        if (check.Caller is null)
        {
            logger.LogInformation("Refused a bearer token on {Method} {Path}: {Reason}", request.Method, LogText.Clean(request.Path), check.Failure);
            return (null, Unauthorized(check.Failure!, $"Bearer error=\"invalid_token\", error_description=\"{check.Failure}\""));
        }

        return (check.Caller, null);
    }

    /// <summary>The caller when its token carries <see cref="DeliveryRoles.Admin"/>: else the refusal above, or 403.</summary>
    public async Task<(Caller? Caller, IActionResult? Refusal)> AuthenticateAdminAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await AuthenticateAsync(request, cancellationToken);
        if (caller is null || caller.IsAdmin)
        {
            return (caller, refusal);
        }

        logger.LogInformation("Refused {Method} {Path} to {Owner}: not an admin", request.Method, LogText.Clean(request.Path), LogText.Clean(caller.OwnerId));
        return (null, ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"This route needs the {DeliveryRoles.Admin} role."));
    }

    private static HeaderedResult Unauthorized(string detail, string challenge) =>
        new(ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail), HeaderNames.WWWAuthenticate, challenge);

    /// <summary>The raw token of an <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
