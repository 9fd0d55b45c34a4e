using System.Text;
using DroneDelivery.DevHost.Queues;
using DroneDelivery.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.IntegrationTests.Queues;

/// <summary>The local queue's duplicate detection: under concurrent senders, and what it remembers stays within one window of traffic.</summary>
public sealed class InProcessQueueTests
{
    private const string Queue = "test-queue";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

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
    public async Task IdsOlderThanTheDuplicateWindow_AreForgotten_AsTrafficGoesOn()
    {
        var queue = NewQueue();

        // Two windows' traffic, one message a second.
        for (var second = 0; second < 2 * Window.TotalSeconds; second++)
        {
            await queue.SendAsync(Queue, Message($"m-{second}"), TestContext.Current.CancellationToken);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // At most one window plus one sweep interval (a tenth of it) is remembered.
        Assert.InRange(queue.RememberedIds, Window.TotalSeconds, Window.TotalSeconds * 1.1 + 1);
    }

    [Fact]
    public async Task AnIdWithinTheWindow_IsStillADuplicate_AfterASweep()
    {
        var queue = NewQueue();
        await queue.SendAsync(Queue, Message("kept"), TestContext.Current.CancellationToken);
        _clock.Advance(Window / 2);
        await queue.SendAsync(Queue, Message("other"), TestContext.Current.CancellationToken);

        await queue.SendAsync(Queue, Message("kept"), TestContext.Current.CancellationToken);

        Assert.Equal((2, 1), (queue.Sent, queue.DuplicatesDropped));
    }

    private InProcessQueue NewQueue() =>
        new(Options.Create(new LocalQueueOptions { DuplicateDetectionWindow = Window }), _clock);

    private static QueueMessage Message(string id) => new(id, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"), new Dictionary<string, string>());

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
