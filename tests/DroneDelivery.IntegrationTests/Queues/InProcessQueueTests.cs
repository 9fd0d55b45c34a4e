using System.Text;
using DroneDelivery.DevHost.Queues;
using DroneDelivery.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.IntegrationTests.Queues;

/// <summary>The local queue's duplicate detection, under concurrent senders and past its bound of remembered ids.</summary>
public sealed class InProcessQueueTests
{
    private const string Queue = "test-queue";

    private readonly SteppedClock _clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Send_SameMessageIdWithinTheWindow_IsQueuedOnce()
    {
        var queue = NewQueue();

        await queue.SendAsync(Queue, Message("m-1"), TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(9));
        await queue.SendAsync(Queue, Message("m-1"), TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (queue.Sent, queue.DuplicatesDropped));
        Assert.Equal(1, queue.Subscribe(Queue).Count);
    }

    [Fact]
    public async Task Send_FromManyConcurrentSenders_QueuesEveryMessageAndRemembersEveryId()
    {
        var queue = NewQueue();

        await Task.WhenAll(Enumerable.Range(0, 64).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await queue.SendAsync(Queue, Message($"s{sender}-{i}"), TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(32_000, queue.Sent);
        Assert.Equal(32_000, queue.RememberedIds);
        Assert.Equal(32_000, queue.Subscribe(Queue).Count);
    }

    [Fact]
    public async Task Send_PastTheBound_ForgetsTheIdsOlderThanTheWindowAndKeepsTheRest()
    {
        var queue = NewQueue();
        for (var i = 0; i < InProcessQueue.RememberedIdsBound; i++)
        {
            await queue.SendAsync(Queue, Message($"old-{i}"), TestContext.Current.CancellationToken);
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        await queue.SendAsync(Queue, Message("recent"), TestContext.Current.CancellationToken);
        Assert.Equal(InProcessQueue.RememberedIdsBound + 1, queue.RememberedIds);

        _clock.Advance(TimeSpan.FromMinutes(6));
        await queue.SendAsync(Queue, Message("new"), TestContext.Current.CancellationToken);
        await queue.SendAsync(Queue, Message("recent"), TestContext.Current.CancellationToken);

        Assert.Equal(2, queue.RememberedIds);
        Assert.Equal(1, queue.DuplicatesDropped);
    }

    private InProcessQueue NewQueue() =>
        new(Options.Create(new LocalQueueOptions { DuplicateDetectionWindow = TimeSpan.FromMinutes(10) }), _clock);

    private static QueueMessage Message(string id) => new(id, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"), new Dictionary<string, string>());

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
