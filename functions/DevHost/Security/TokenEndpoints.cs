using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace DroneDelivery.DevHost.Security;

/// <summary>
/// <c>POST /local/token</c> <c>{ "subject": "owner-1", "roles": ["Deliveries.Admin"], "minutes": 60 }</c>:
/// a bearer token from the development issuer, for curl and tests. Local host only.
/// </summary>
public static class TokenEndpoints
{
    public const int MaxMinutes = 24 * 60;
    public const int MaxRoles = 16;

    public sealed record TokenRequest(string? Subject, string[]? Roles, int? Minutes);

    public sealed record TokenAnswer(string AccessToken, string TokenType, int ExpiresIn);

    public static IEndpointRouteBuilder MapLocalTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/local/token", async (HttpContext context, DevelopmentIssuer issuer) =>
        {
            var answer = await MintAsync(context, issuer);
            await answer.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        });
        return endpoints;
    }

    private static async Task<IActionResult> MintAsync(HttpContext context, DevelopmentIssuer issuer)
    {
        var body = await RequestBody.ReadAsync<TokenRequest>(context.Request, cancellationToken: context.RequestAborted);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var request = body.Value;
        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "subject", request.Subject);
        var roles = request.Roles ?? [];
        if (roles.Length > MaxRoles || roles.Any(role => !FieldRules.IsValidId(role)))
        {
            errors.Add("roles", $"at most {MaxRoles} roles of 1–{FieldRules.MaxIdLength} characters of letters, digits and - _ . : @");
        }

        var minutes = request.Minutes ?? 60;
        if (minutes is < 1 or > MaxMinutes)
        {
            errors.Add("minutes", $"must be between 1 and {MaxMinutes}");
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var token = issuer.Mint(request.Subject!, roles, TimeSpan.FromMinutes(minutes));
        return ApiResults.Ok(new TokenAnswer(token, "Bearer", minutes * 60));
    }
}
