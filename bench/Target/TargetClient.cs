using System.Net.Http.Headers;

namespace DroneDelivery.Bench.Target;

/// <summary>One pooled HTTP client per target, sending the configured headers (e.g. a bearer token) and those of the local system with every request.</summary>
public static class TargetClient
{
    public static HttpClient Create(Uri baseUrl, BenchOptions options, params KeyValuePair<string, string>[] extraHeaders)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (name, value) in options.Headers.Concat(extraHeaders))
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    /// <summary>A JSON request body (built per request: HttpContent is single-use).</summary>
    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
