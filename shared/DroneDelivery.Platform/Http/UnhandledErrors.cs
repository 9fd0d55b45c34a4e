using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Platform.Http;

/// <summary>
/// What a request that threw is answered, on every host (the apps' worker and the local host):
/// problem details in the project's own words, never the exception, its stack trace or the
/// request's headers (which carry bearer tokens and function keys). The exception goes to the
/// log only. A request the server could not read (<see cref="BadHttpRequestException"/>: a body
/// over Kestrel's limit, a malformed request line) keeps its 4xx status.
/// </summary>
public static class UnhandledErrors
{
    public const string InternalErrorType = "https://tools.ietf.org/html/rfc9110#section-15.6.1";

    public static IActionResult Answer(Exception exception) => exception is BadHttpRequestException bad && bad.StatusCode is >= 400 and < 500
        ? ApiResults.Problem(bad.StatusCode, "Bad request", "The request could not be read.")
        : ApiResults.Problem(StatusCodes.Status500InternalServerError, "Internal server error",
            "The request failed on our side and has been logged; it may be tried again later.", InternalErrorType);

    /// <summary>Logs the exception (method, route, no headers) at the level it deserves.</summary>
    public static void Log(ILogger logger, Exception exception, string method, string path)
    {
        if (exception is BadHttpRequestException)
        {
            logger.LogInformation("Unreadable request {Method} {Path}: {Error}", method, LogText.Clean(path), exception.Message);
        }
        else
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", method, LogText.Clean(path));
        }
    }
}
