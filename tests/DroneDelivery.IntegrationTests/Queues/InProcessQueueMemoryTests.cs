using DroneDelivery.DevHost.Queues;
using DroneDelivery.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.IntegrationTests.Queues;

/// <summary>What the in-process queue remembers for duplicate detection stays within one window of traffic.</summary>
public sealed class InProcessQueueMemoryTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task IdsOlderThanTheDuplicateWindow_AreForgotten_AsTrafficGoesOn()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var queue = new InProcessQueue(Options.Create(new LocalQueueOptions { DuplicateDetectionWindow = Window }), clock);

        // Two windows' traffic, one message a second.
        for (var second = 0; second < 2 * Window.TotalSeconds; second++)
        {
            await queue.SendAsync("memory", Message($"m-{second}"), TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // At most one window plus one sweep interval (a tenth of it) is remembered.
        Assert.InRange(queue.RememberedIds, Window.TotalSeconds, Window.TotalSeconds * 1.1 + 1);
    }

    [Fact]
    public async Task AnIdWithinTheWindow_IsStillADuplicate_AfterASweep()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var queue = new InProcessQueue(Options.Create(new LocalQueueOptions { DuplicateDetectionWindow = Window }), clock);
        await queue.SendAsync("memory", Message("kept"), TestContext.Current.CancellationToken);
        clock.Advance(Window / 2);
        await queue.SendAsync("memory", Message("other"), TestContext.Current.CancellationToken);

        await queue.SendAsync("memory", Message("kept"), TestContext.Current.CancellationToken);

        Assert.Equal((2, 1), (queue.Sent, queue.DuplicatesDropped));
    }

    private static QueueMessage Message(string id) => new(id, "{}"u8.ToArray(), new Dictionary<string, string>());

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
