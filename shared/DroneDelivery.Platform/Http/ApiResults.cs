using DroneDelivery.Contracts.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Platform.Http;

/// <summary>The answers HTTP functions give: JSON bodies and RFC 7807 problem details.</summary>
public static class ApiResults
{
    public const string ProblemContentType = "application/problem+json";

    public static IActionResult Ok(object value) => new JsonBodyResult(StatusCodes.Status200OK, value);

    public static IActionResult Created(string location, object value) =>
        new JsonBodyResult(StatusCodes.Status201Created, value) { Location = location };

    public static IActionResult Accepted(string location, object value) =>
        new JsonBodyResult(StatusCodes.Status202Accepted, value) { Location = location };

    public static IActionResult NoContent() => new StatusCodeResult(StatusCodes.Status204NoContent);

    public static IActionResult ValidationProblem(ValidationErrors errors) =>
        new JsonBodyResult(StatusCodes.Status400BadRequest, new ValidationProblemDetails(errors.ToDictionary())
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "One or more validation errors occurred.",
            Status = StatusCodes.Status400BadRequest,
        }, ProblemContentType);

    public static IActionResult Problem(int status, string title, string? detail = null, string? type = null) =>
        new JsonBodyResult(status, new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type }, ProblemContentType);

    /// <summary>503 + <c>Retry-After</c>: a dependency is down; the request was fine and may be repeated.</summary>
    public static IActionResult ServiceUnavailable(string detail, TimeSpan retryAfter) =>
        new JsonBodyResult(StatusCodes.Status503ServiceUnavailable, new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service unavailable",
            Detail = detail,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        }, ProblemContentType) { RetryAfter = retryAfter };

    public static IActionResult NotFound(string what, string id) =>
        Problem(StatusCodes.Status404NotFound, "Not found", $"{what} '{id}' does not exist.");

    public static IActionResult InvalidId(string field) =>
        ValidationProblem(ValidationErrors.For(field, $"must be 1–{FieldRules.MaxIdLength} characters of letters, digits and - _ . : @"));
}
