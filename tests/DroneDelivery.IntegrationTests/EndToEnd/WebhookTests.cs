using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.Support;
using StandardWebhooks;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// Webhooks on the local host: a test's own receiver (loopback http, which only the local host
/// allows) gets a delivery's events, each signed; a failed attempt is retried with the same id.
/// Each test signs in as an owner of its own, so other tests' deliveries raise nothing here.
/// </summary>
public sealed class WebhookTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Delivery_SendsAssignedWithEtaThenPickedUpAndDelivered_EachSigned_RetryingAFailedOneWithTheSameId()
    {
        var owner = $"hooks-{Guid.NewGuid():N}";
        using var customer = host.SignedIn(owner);
        await using var receiver = new WebhookReceiver(EmbeddedRedis.FreeLoopbackPort(), failFirst: 1);
        await receiver.StartAsync();
        var webhook = await WebhookCalls.RegisterAsync(customer, receiver.Url);

        var deliveryId = await WebhookCalls.RequestDeliveryAsync(customer, owner);
        var received = await receiver.WaitForAsync(
            all => new[] { WebhookEventTypes.Assigned, WebhookEventTypes.PickedUp, WebhookEventTypes.Delivered }.All(type => all.Any(r => r.Answered == 204 && TypeOf(r) == type)),
            TimeSpan.FromSeconds(90), "assigned, pickedup and delivered");

        var verifier = new StandardWebhook(webhook.Secret);
        Assert.All(received, request => verifier.Verify(request.Body, request.Headers));
        var delivered = received.Where(r => r.Answered == 204).ToDictionary(TypeOf, r => JsonDocument.Parse(r.Body).RootElement);
        Assert.All(delivered.Values, cloudEvent =>
        {
            Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
            Assert.Equal(deliveryId, cloudEvent.GetProperty("subject").GetString());
            Assert.Equal("/api/deliveries", cloudEvent.GetProperty("source").GetString());
        });
        var assigned = delivered[WebhookEventTypes.Assigned].GetProperty("data");
        Assert.NotNull(assigned.GetProperty("droneId").GetString());
        Assert.True(assigned.GetProperty("eta").GetDateTimeOffset() > delivered[WebhookEventTypes.Assigned].GetProperty("time").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.String, delivered[WebhookEventTypes.PickedUp].GetProperty("data").GetProperty("eta").ValueKind);
        Assert.Equal(nameof(DeliveryStage.Completed), delivered[WebhookEventTypes.Delivered].GetProperty("data").GetProperty("stage").GetString());
        var times = new[] { WebhookEventTypes.Assigned, WebhookEventTypes.PickedUp, WebhookEventTypes.Delivered }
            .Select(type => delivered[type].GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);

        // The first request was answered 500: the same message came again, same id, same body.
        var failed = received[0];
        Assert.Equal(500, failed.Answered);
        var retried = Assert.Single(received, r => r.Id == failed.Id && r.Answered == 204);
        Assert.Equal(failed.Body, retried.Body);
        Assert.Equal(received.Count(r => r.Answered == 204), received.Where(r => r.Answered == 204).Select(r => r.Id).Distinct().Count());

        var attempts = await customer.GetFromJsonAsync<List<WebhookAttempt>>($"/api/webhooks/{webhook.Id}/attempts", ContractJson.Options);
        var ofFailed = attempts!.Where(a => a.MessageId == failed.Id).OrderBy(a => a.Attempt).ToList();
        Assert.Equal([(1, 500, WebhookAttemptOutcome.WillRetry), (2, 204, WebhookAttemptOutcome.Delivered)],
            ofFailed.Select(a => (a.Attempt, a.StatusCode ?? 0, a.Outcome)));
        Assert.NotNull(ofFailed[0].NextAttemptAt);
        Assert.All(attempts!, a => Assert.True(a.DurationMs >= 0));
    }

    [Fact]
    public async Task Webhooks_AreTheOwnersOwn_AndTheSecretIsShownOnlyOnce()
    {
        var owner = $"hooks-{Guid.NewGuid():N}";
        using var customer = host.SignedIn(owner);
        using var stranger = host.SignedIn($"stranger-{Guid.NewGuid():N}");
        var webhook = await WebhookCalls.RegisterAsync(customer, "http://127.0.0.1:9/hooks");

        var listed = await customer.GetStringAsync("/api/webhooks");
        using var strangersAttempts = await stranger.GetAsync($"/api/webhooks/{webhook.Id}/attempts");
        using var strangersDelete = await stranger.DeleteAsync($"/api/webhooks/{webhook.Id}");
        var strangersList = await stranger.GetFromJsonAsync<List<WebhookInfo>>("/api/webhooks", ContractJson.Options);

        Assert.Contains(webhook.Id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(webhook.Secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", listed, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, strangersAttempts.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangersDelete.StatusCode);
        Assert.Empty(strangersList!);
        using var deleted = await customer.DeleteAsync($"/api/webhooks/{webhook.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await customer.GetFromJsonAsync<List<WebhookInfo>>("/api/webhooks", ContractJson.Options))!);
    }

    [Fact]
    public async Task Register_HttpsUrlOfAPrivateAddress_Answers400AndStoresNothing()
    {
        using var customer = host.SignedIn($"hooks-{Guid.NewGuid():N}");

        using var response = await customer.PostAsJsonAsync("/api/webhooks", new { url = "https://10.0.0.1/hooks" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await customer.GetFromJsonAsync<List<WebhookInfo>>("/api/webhooks", ContractJson.Options))!);
    }

    private static string TypeOf(ReceivedWebhook request) => WebhookCalls.Attribute(request.Body, "type");
}
