using System.Net;
using System.Text;

namespace DroneDelivery.UnitTests.Platform;

/// <summary>Answers every request with one status and body, and remembers what was asked.</summary>
public sealed class StubHandler(HttpStatusCode status, string body = "") : HttpMessageHandler
{
    public List<(HttpMethod Method, Uri Uri, string? Body)> Requests { get; } = [];

    public HttpClient Client() => new(this) { BaseAddress = new Uri("http://service.test/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!, content));
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
