using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Messaging;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>What the workflow relies on from the broker: duplicates dropped, redeliveries harmless, poison dead-lettered.</summary>
public sealed class QueueSemanticsTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private DurableTaskClient Durable => host.Services.GetRequiredService<DurableTaskClient>();

    [Fact]
    public async Task ADuplicateMessageId_IsDroppedByDuplicateDetection()
    {
        var message = DeliveryMessages.Create(SampleRequests.Delivery());
        var sentBefore = host.Queue.Sent;

        await host.Queue.SendAsync(message, TestContext.Current.CancellationToken);
        await host.Queue.SendAsync(message, TestContext.Current.CancellationToken);

        Assert.Equal(sentBefore + 1, host.Queue.Sent);
        Assert.True(host.Queue.DuplicatesDropped >= 1);
    }

    [Fact]
    public async Task ARedeliveredMessage_AfterTheWindow_DoesNotStartASecondOrchestration()
    {
        var request = SampleRequests.Delivery();
        await host.Queue.SendAsync(DeliveryMessages.Create(request), TestContext.Current.CancellationToken);
        var first = await WaitForCompletionAsync(request.DeliveryId);

        // The same delivery arriving again under another message id (e.g. redelivered after the
        // duplicate-detection window) finds the orchestration and changes nothing.
        var again = DeliveryMessages.Create(request) with { MessageId = request.DeliveryId + "-redelivered" };
        await host.Queue.SendAsync(again, TestContext.Current.CancellationToken);
        await WaitForQueueToDrainAsync();

        var after = await Durable.GetInstanceAsync(request.DeliveryId, TestContext.Current.CancellationToken);
        Assert.Equal(first.CreatedAt, after!.CreatedAt);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
    }

    [Fact]
    public async Task AMessageThatCanNeverSucceed_IsDeadLetteredWithAReason()
    {
        var poison = new QueueMessage("poison-" + Guid.NewGuid().ToString("N"), "not json"u8.ToArray(), new Dictionary<string, string> { ["operation"] = "Create" });

        await host.Queue.SendAsync(poison, TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!host.Queue.DeadLetters.Any(d => d.MessageId == poison.MessageId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var deadLetter = Assert.Single(host.Queue.DeadLetters, d => d.MessageId == poison.MessageId);
        Assert.Equal(host.Queue.Options.MaxDeliveryCount, deadLetter.DeliveryCount);
        Assert.Contains("JsonException", deadLetter.Reason, StringComparison.Ordinal);
    }

    private async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        // A whole flight at the simulator's 60× takes about 10 s; leave room for a busy machine.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await Durable.GetInstanceAsync(instanceId, timeout.Token) is null)
        {
            await Task.Delay(50, timeout.Token);
        }

        return await Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    private async Task WaitForQueueToDrainAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (host.Queue.Pending > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
