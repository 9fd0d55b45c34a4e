using System.Text.Json;
using DroneDelivery.Contracts.Json;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Platform.Http;

/// <summary>
/// Writes a value as JSON with the contract serializer options. Needs nothing from MVC's
/// formatter pipeline, so it runs the same under the Functions host and the local host.
/// </summary>
public sealed class JsonBodyResult(int statusCode, object? value, string contentType = "application/json") : IActionResult
{
    public int StatusCode { get; } = statusCode;

    public object? Value { get; } = value;

    public string ContentType { get; } = contentType;

    public string? Location { get; init; }

    /// <summary>When the client may try again (<c>Retry-After</c>, in whole seconds).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Value is null)
        {
            return Task.CompletedTask;
        }

        response.ContentType = ContentType;
        return JsonSerializer.SerializeAsync(response.Body, Value, Value.GetType(), ContractJson.Options, context.HttpContext.RequestAborted);
    }
}
