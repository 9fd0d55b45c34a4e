using System.Net;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Messaging;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// Dead letters on the local host: listed with reason and properties, replayed over HTTP — through the local queue's
/// routes and through the admins' <c>/api/deadletters</c> routes the workflow app serves in production too.
/// </summary>
public sealed class DeadLetterTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task WaitForDeadLetterAsync(string messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!host.Queue.DeadLetters.Any(letter => letter.MessageId == messageId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Token);
        }
    }

    [Fact]
    public async Task APoisonMessage_IsListedWithItsReasonAndProperties_AndCountedInTheMetric()
    {
        var poison = new QueueMessage("poison-" + Guid.NewGuid().ToString("N"), "{\"deliveryId\": 42"u8.ToArray(), new Dictionary<string, string> { ["operation"] = "Create" });
        var metricsBefore = await host.Http.GetStringAsync("/metrics", Token);

        await host.Queue.SendAsync(poison, Token);
        await WaitForDeadLetterAsync(poison.MessageId);

        var letters = await host.Http.GetFromJsonAsync<List<DeadLetterView>>($"/local/queue/{QueueNames.DeliveryRequests}/deadletters", Token);
        var letter = Assert.Single(letters!, l => l.MessageId == poison.MessageId);
        Assert.Contains("JsonException", letter.Reason, StringComparison.Ordinal);
        Assert.Equal("Create", letter.Properties["operation"]);
        Assert.Equal("{\"deliveryId\": 42", letter.Body);
        var metricsAfter = await host.Http.GetStringAsync("/metrics", Token);
        Assert.True(DeadLettered(metricsAfter) >= DeadLettered(metricsBefore) + 1, metricsAfter);
    }

    [Fact]
    public async Task ReplayingADeadLetterOverHttp_TakesItOutAndDeliversItAgain()
    {
        // Poison for good (an operation the workflow does not know): replayed, it runs its deliveries again and comes back.
        var request = SampleRequests.Delivery();
        var message = DeliveryMessages.Create(request) with { Properties = new Dictionary<string, string> { ["operation"] = "Teleport" } };
        await host.Queue.SendAsync(message, Token);
        await WaitForDeadLetterAsync(message.MessageId);
        var replayedBefore = host.Queue.Replayed;

        using var replay = await host.Http.PostAsync($"/local/queue/{QueueNames.DeliveryRequests}/deadletters/{message.MessageId}/replay", null, Token);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(replayedBefore + 1, host.Queue.Replayed);
        Assert.DoesNotContain(host.Queue.DeadLetters, letter => letter.MessageId == message.MessageId);

        // It is delivered again (the full delivery count) and, still poison, comes back to the dead-letter queue.
        await WaitForDeadLetterAsync(message.MessageId);
        var again = Assert.Single(host.Queue.DeadLetters, letter => letter.MessageId == message.MessageId);
        Assert.Equal(host.Queue.Options.MaxDeliveryCount, again.DeliveryCount);
    }

    [Fact]
    public async Task AnAdmin_ListsReadsAndReplaysADeadLetterThroughTheApi_AndTheReplayIsInTheDeliverysTracking()
    {
        // A change for a delivery that exists, in an operation the workflow does not know: it dead-letters.
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        var message = DeliveryMessages.Cancel(new CancelRequest(deliveryId, "req-" + Guid.NewGuid().ToString("N")))
            with { Properties = new Dictionary<string, string> { ["operation"] = "Teleport" } };
        await host.Queue.SendAsync(message, Token);
        await WaitForDeadLetterAsync(message.MessageId);
        using var admin = Client(host.TokenFor("ops-1", "Deliveries.Admin"));
        using var customer = Client(host.TokenFor(SampleRequests.Owner));

        var listed = await admin.GetFromJsonAsync<List<ApiDeadLetter>>("/api/deadletters?top=100", Token);
        var letter = Assert.Single(listed!, l => l.MessageId == message.MessageId);
        Assert.Contains("unknown operation", letter.Reason, StringComparison.Ordinal);
        Assert.Equal("Teleport", (await admin.GetFromJsonAsync<ApiDeadLetter>($"/api/deadletters/{letter.Id}", Token))!.Properties["operation"]);
        using (var refused = await customer.PostAsync($"/api/deadletters/{letter.Id}/replay", null, Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var replay = await admin.PostAsync($"/api/deadletters/{letter.Id}/replay", null, Token);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var events = await admin.GetStringAsync($"/api/deliveries/{deliveryId}/events", Token);
        Assert.Contains("DeadLetterReplayed", events, StringComparison.Ordinal);
        Assert.Contains("ops-1", events, StringComparison.Ordinal);
        using var gone = await admin.PostAsync($"/api/deadletters/{letter.Id}/replay", null, Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task ReplayingAnUnknownDeadLetter_Is404()
    {
        using var replay = await host.Http.PostAsync($"/local/queue/{QueueNames.DeliveryRequests}/deadletters/no-such-message/replay", null, Token);

        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
    }

    private static double DeadLettered(string metrics) =>
        metrics.Split('\n').Where(line => line.StartsWith("dronedelivery_messages_deadlettered", StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Sum();

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = host.Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record ApiDeadLetter(string Id, string MessageId, string Reason, int DeliveryCount, string Body, Dictionary<string, string> Properties);

    private sealed record DeadLetterView(string Queue, string MessageId, string Reason, int DeliveryCount, string Body, Dictionary<string, string> Properties);
}
