using DroneDelivery.DevHost.Functions;
using DroneDelivery.DevHost.Queues;
using DroneDelivery.Platform.Messaging;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// The local host's queue dispatcher on its own: stopping it (messages in flight finish or are handed
/// back; none is lost), starting (no message before the host has started) and replaying dead letters once the
/// cause is fixed.
/// </summary>
public sealed class QueueDispatcherTests
{
    private const string QueueName = "shutdown-test";

    private readonly Gate _gate = new();

    private (QueueTriggerDispatcher Dispatcher, InProcessQueue Queue) Start(TimeSpan gracePeriod, CancellationToken? applicationStarted = null)
    {
        var options = Options.Create(new LocalQueueOptions
        {
            MaxConcurrentCalls = 2,
            ShutdownGracePeriod = gracePeriod,
            MaxDeliveryCount = 3,
            RedeliveryDelay = TimeSpan.FromMilliseconds(10),
        });
        var queue = new InProcessQueue(options, TimeProvider.System);
        var services = new ServiceCollection().AddSingleton(_gate).BuildServiceProvider();
        var method = typeof(GatedQueueFunction).GetMethod(nameof(GatedQueueFunction.Run))!;
        var catalog = new FunctionCatalog([new FunctionDescriptor(nameof(GatedQueueFunction), method, TriggerKind.ServiceBus, method.GetParameters()[0], QueueName: QueueName)]);
        var lifetime = Substitute.For<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Returns(applicationStarted ?? new CancellationToken(canceled: true));
        var dispatcher = new QueueTriggerDispatcher(catalog, queue, services.GetRequiredService<IServiceScopeFactory>(), options, lifetime, NullLogger<QueueTriggerDispatcher>.Instance);
        return (dispatcher, queue);
    }

    private static Task SendAsync(InProcessQueue queue, string id) =>
        queue.SendAsync(QueueName, new QueueMessage(id, "{}"u8.ToArray(), new Dictionary<string, string>()), CancellationToken.None);

    [Fact]
    public async Task AMessageInFlightWhenTheHostStops_FinishesWithinTheGracePeriod_AndIsCompleted()
    {
        var (dispatcher, queue) = Start(TimeSpan.FromSeconds(10));
        await dispatcher.StartAsync(CancellationToken.None);
        await SendAsync(queue, "m-1");
        await _gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var stopping = dispatcher.StopAsync(CancellationToken.None);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(stopping.IsCompleted, "the dispatcher stopped before its message finished");
        _gate.Release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(1, queue.Completed);
        Assert.Equal(0, queue.Pending);
        Assert.Equal(1, _gate.Finished);
    }

    [Fact]
    public async Task AMessageQueuedBeforeTheHostHasStarted_IsTakenOnlyOnceItHasStarted()
    {
        using var hostStarted = new CancellationTokenSource();
        _gate.Release.SetResult();
        var (dispatcher, queue) = Start(TimeSpan.FromSeconds(1), hostStarted.Token);
        await SendAsync(queue, "m-1");
        await dispatcher.StartAsync(CancellationToken.None);

        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(_gate.Started.Task.IsCompleted, "the dispatcher took a message before the host had started");

        await hostStarted.CancelAsync();
        await _gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await dispatcher.StopAsync(CancellationToken.None);
        Assert.Equal(1, queue.Completed);
    }

    [Fact]
    public async Task AMessageThatOutlastsTheGracePeriod_IsHandedBackToTheQueue_AndQueuedOnesStay()
    {
        var (dispatcher, queue) = Start(TimeSpan.FromMilliseconds(300));
        await dispatcher.StartAsync(CancellationToken.None);
        foreach (var id in new[] { "m-1", "m-2", "m-3", "m-4" })
        {
            await SendAsync(queue, id);
        }

        await _gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await dispatcher.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(0, queue.Completed);
        Assert.Empty(queue.DeadLetters);
        Assert.Equal(4, queue.Pending);
        Assert.Equal(0, _gate.Finished);
    }

    [Fact]
    public async Task ADeadLetter_ReplayedAfterTheCauseIsFixed_IsHandledAndCompleted()
    {
        _gate.Release.SetResult();
        _gate.Failing = true;
        var (dispatcher, queue) = Start(TimeSpan.FromSeconds(1));
        await dispatcher.StartAsync(CancellationToken.None);
        await SendAsync(queue, "m-1");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (queue.DeadLettersOf(QueueName).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var letter = Assert.Single(queue.DeadLettersOf(QueueName));
        Assert.Equal(3, letter.DeliveryCount);
        Assert.Contains("store is down", letter.Reason, StringComparison.Ordinal);

        _gate.Failing = false;
        Assert.True(await queue.ReplayAsync(QueueName, "m-1", CancellationToken.None));
        while (queue.Completed == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await dispatcher.StopAsync(CancellationToken.None);
        Assert.Equal(1, queue.Completed);
        Assert.Empty(queue.DeadLetters);
        Assert.False(await queue.ReplayAsync(QueueName, "m-1", CancellationToken.None));
    }

    /// <summary>Lets the test see a message start and decide when it finishes, or make it fail.</summary>
    public sealed class Gate
    {
        private int _finished;
        private bool _failing;

        public bool Failing
        {
            get => Volatile.Read(ref _failing);
            set => Volatile.Write(ref _failing, value);
        }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Finished => Volatile.Read(ref _finished);

        public void Finish() => Interlocked.Increment(ref _finished);
    }

    /// <summary>A queue-triggered function that runs until the test releases it (or it is cancelled).</summary>
    public sealed class GatedQueueFunction(Gate gate)
    {
        public async Task Run([ServiceBusTrigger(QueueName, Connection = "unused")] string message, CancellationToken cancellationToken)
        {
            gate.Started.TrySetResult();
            if (gate.Failing)
            {
                throw new InvalidOperationException("the store is down");
            }

            await gate.Release.Task.WaitAsync(cancellationToken);
            gate.Finish();
        }
    }
}
