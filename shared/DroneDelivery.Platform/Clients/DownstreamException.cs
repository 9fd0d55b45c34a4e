using System.Net;

namespace DroneDelivery.Platform.Clients;

/// <summary>
/// A downstream service answered with an error. <see cref="IsTransient"/> says whether trying
/// again can help (timeouts, 408, 429, 5xx) or not (other 4xx: the request itself is wrong).
/// </summary>
public sealed class DownstreamException(string service, HttpStatusCode statusCode, string? detail)
    : Exception($"{service} answered {(int)statusCode} {statusCode}{(string.IsNullOrEmpty(detail) ? string.Empty : ": " + detail)}")
{
    public string Service { get; } = service;

    public HttpStatusCode StatusCode { get; } = statusCode;

    public bool IsTransient { get; } = IsTransientStatus(statusCode);

    public static bool IsTransientStatus(HttpStatusCode statusCode) =>
        statusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)statusCode >= 500;
}
