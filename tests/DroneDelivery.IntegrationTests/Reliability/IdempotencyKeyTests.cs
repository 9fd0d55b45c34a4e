using System.Net;
using System.Text;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>Idempotency-Key on the customer's writes, through the local host with its Redis (Garnet) key store.</summary>
public sealed class IdempotencyKeyTests(SlowFleetFixture host) : IClassFixture<SlowFleetFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, string key)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Add("Idempotency-Key", key);
        return host.Http.SendAsync(request, Token);
    }

    [Fact]
    public async Task ARepeatedCreate_WithTheSameKeyAndBody_GetsTheFirstAnswer_AndEnqueuesOnce()
    {
        var key = "create-" + Guid.NewGuid().ToString("N");
        var json = SampleRequests.Json();
        var sent = host.Queue.Sent;

        using var first = await SendAsync(HttpMethod.Post, "/api/deliveryrequests", json, key);
        using var repeat = await SendAsync(HttpMethod.Post, "/api/deliveryrequests", json, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        var deliveryId = LocalHostFixture.ReadJson(first).GetProperty("deliveryId").GetString();
        Assert.Equal(deliveryId, LocalHostFixture.ReadJson(repeat).GetProperty("deliveryId").GetString());
        Assert.Equal(sent + 1, host.Queue.Sent);
    }

    [Fact]
    public async Task ACreate_ReusingAKeyWithAnotherBody_Is422ProblemDetails_AndEnqueuesNothing()
    {
        var key = "create-" + Guid.NewGuid().ToString("N");
        using var first = await SendAsync(HttpMethod.Post, "/api/deliveryrequests", SampleRequests.Json(), key);
        var sent = host.Queue.Sent;

        using var other = await SendAsync(HttpMethod.Post, "/api/deliveryrequests", SampleRequests.Json(), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:dronedelivery:idempotency-key-reused", LocalHostFixture.ReadJson(other).GetProperty("type").GetString());
        Assert.Equal(sent, host.Queue.Sent);
    }

    [Fact]
    public async Task ACreate_WithAKeyThatIsNotAnId_Is400()
    {
        var sent = host.Queue.Sent;

        using var response = await SendAsync(HttpMethod.Post, "/api/deliveryrequests", SampleRequests.Json(), "not a/valid key");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(LocalHostFixture.ReadJson(response).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(sent, host.Queue.Sent);
    }

    [Fact]
    public async Task ARepeatedReschedule_GetsTheFirstAnswer_AndEnqueuesOnce_AnotherBodyIs422()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, TimeSpan.FromSeconds(30));
        var key = "move-" + Guid.NewGuid().ToString("N");
        var move = $$"""{"deadline":"{{DateTimeOffset.UtcNow.AddHours(8):O}}"}""";
        var sent = host.Queue.Sent;

        using var first = await SendAsync(HttpMethod.Patch, $"/api/deliveryrequests/{deliveryId}", move, key);
        using var repeat = await SendAsync(HttpMethod.Patch, $"/api/deliveryrequests/{deliveryId}", move, key);
        using var other = await SendAsync(HttpMethod.Patch, $"/api/deliveryrequests/{deliveryId}", $$"""{"deadline":"{{DateTimeOffset.UtcNow.AddHours(9):O}}"}""", key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Token), await repeat.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(sent + 1, host.Queue.Sent);
    }

    [Fact]
    public async Task ARepeatedCancel_AfterTheDeliveryWasCancelled_GetsTheFirstAnswer_Not409()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, TimeSpan.FromSeconds(30));
        var key = "cancel-" + Guid.NewGuid().ToString("N");

        using var first = await SendAsync(HttpMethod.Delete, $"/api/deliveryrequests/{deliveryId}", null, key);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Cancelled, TimeSpan.FromSeconds(30));
        var sent = host.Queue.Sent;
        using var repeat = await SendAsync(HttpMethod.Delete, $"/api/deliveryrequests/{deliveryId}", null, key);
        using var withoutKey = await host.Http.DeleteAsync($"/api/deliveryrequests/{deliveryId}", Token);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(HttpStatusCode.Conflict, withoutKey.StatusCode);
        Assert.Equal(sent, host.Queue.Sent);
    }
}
