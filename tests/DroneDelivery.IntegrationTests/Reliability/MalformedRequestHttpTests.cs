using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.Testing;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>A sample of the generated malformed requests, over real HTTP to the local host: 4xx problems, nothing enqueued.</summary>
public sealed class MalformedRequestHttpTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>
{
    private const int Samples = 400;

    [Fact]
    public async Task GeneratedMalformedCreateRequests_OverHttp_Are4xxProblems_AndNothingIsEnqueued()
    {
        var sentBefore = host.Queue.Sent;
        var tried = 0;

        await MalformedRequests.Create(DateTimeOffset.UtcNow).SampleAsync(async malformed =>
        {
            Interlocked.Increment(ref tried);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/deliveryrequests")
            {
                Content = new StringContent(malformed.Body, Encoding.UTF8),
            };
            request.Content.Headers.ContentType = malformed.ContentType is null ? null : MediaTypeHeaderValue.Parse(malformed.ContentType);
            if (malformed.IdempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", malformed.IdempotencyKey);
            }

            using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{malformed} was answered {status}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }, iter: Samples, threads: 1);

        Assert.Equal(sentBefore, host.Queue.Sent);
        output.WriteLine($"{tried} generated malformed requests sent over HTTP; all 4xx problem details; nothing enqueued");
    }
}
