using System.Diagnostics;
using System.Net;
using System.Text;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// Redis stops mid-run (a real redis-server, killed): delivery reads answer 503 + Retry-After at
/// once, ingestion keeps accepting (the queue is up), and a delivery requested during the outage
/// completes once Redis is back — its workflow paused on retries and resumed.
/// </summary>
public sealed class RedisOutageTests(RedisServerHostFixture host) : IClassFixture<RedisServerHostFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileRedisIsDown_ReadsFailFastWith503_IngestionAccepts_AndTheWorkflowResumesAfter()
    {
        Assert.SkipWhen(host.SkipReason is not null, host.SkipReason ?? string.Empty);
        var before = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(before, DeliveryStage.Completed, TimeSpan.FromSeconds(60));

        await host.Redis!.StopAsync();
        foreach (var path in new[] { $"/api/deliveries/{before}/status", $"/api/deliveries/{before}", $"/api/deliveries/public/{before}", $"/api/deliveries/{before}/events" })
        {
            var clock = Stopwatch.StartNew();
            using var read = await host.Http.GetAsync(path, Token);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), read.Headers.RetryAfter?.Delta);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"{path} took {clock.Elapsed.TotalMilliseconds} ms");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/deliveryrequests") { Content = new StringContent(SampleRequests.Json(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "during-outage-" + Guid.NewGuid().ToString("N"));
        using var accepted = await host.Http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var during = LocalHostFixture.ReadJson(accepted).GetProperty("deliveryId").GetString()!;

        await Task.Delay(TimeSpan.FromSeconds(4), Token);
        await host.Redis.RestartAsync();

        var completed = await host.WaitForStageAsync(during, DeliveryStage.Completed, TimeSpan.FromSeconds(90));
        Assert.Equal(during, completed.DeliveryId);
    }
}
