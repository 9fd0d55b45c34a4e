using System.Net;
using System.Net.Http.Json;
using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Messaging;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>Dead letters on the local host: listed with reason and properties, replayed over HTTP.</summary>
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
    public async Task ReplayingAnUnknownDeadLetter_Is404()
    {
        using var replay = await host.Http.PostAsync($"/local/queue/{QueueNames.DeliveryRequests}/deadletters/no-such-message/replay", null, Token);

        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
    }

    private static double DeadLettered(string metrics) =>
        metrics.Split('\n').Where(line => line.StartsWith("dronedelivery_messages_deadlettered", StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Sum();

    private sealed record DeadLetterView(string Queue, string MessageId, string Reason, int DeliveryCount, string Body, Dictionary<string, string> Properties);
}
