using DurableTask.Core;
using DurableTask.Core.History;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The in-memory Durable backend's timers. The package parks every timer message on a
/// <c>Task.Delay</c> until it is due, even after its orchestration has ended (a delivery's pickup
/// and drop-off deadlines are hours away), and a timer that fires for a purged instance makes the
/// store recreate it as an empty instance that is never removed. Here each timer is kept with its
/// instance, handed to <see cref="_fire"/> when due, and dropped as soon as the instance ends.
/// </summary>
public sealed class DurableTimers(Action<TaskMessage> fire) : IDisposable
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    private readonly Action<TaskMessage> _fire = fire;
    private readonly SortedSet<PendingTimer> _byDueTime = new(Comparer<PendingTimer>.Create((a, b) =>
        a.FireAt != b.FireAt ? a.FireAt.CompareTo(b.FireAt) : a.Sequence.CompareTo(b.Sequence)));
    private readonly Dictionary<string, List<PendingTimer>> _byInstance = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _earlierTimer = new(0);
    private long _sequence;

    /// <summary>Timers waiting to fire.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byDueTime.Count;
            }
        }
    }

    /// <summary>True for the messages this queue keeps (timer-fired events); others go to the store as they are.</summary>
    public static bool IsTimer(TaskMessage message) => message.Event is TimerFiredEvent;

    public void Add(TaskMessage message)
    {
        var timer = new PendingTimer(((TimerFiredEvent)message.Event).FireAt, Interlocked.Increment(ref _sequence), message.OrchestrationInstance.InstanceId, message);
        bool earliest;
        lock (_lock)
        {
            _byDueTime.Add(timer);
            if (!_byInstance.TryGetValue(timer.InstanceId, out var timers))
            {
                _byInstance[timer.InstanceId] = timers = [];
            }

            timers.Add(timer);
            earliest = _byDueTime.Min == timer;
        }

        if (earliest)
        {
            _earlierTimer.Release();
        }
    }

    /// <summary>Drops every timer of an instance that has ended.</summary>
    public void Forget(string instanceId)
    {
        lock (_lock)
        {
            if (_byInstance.Remove(instanceId, out var timers))
            {
                foreach (var timer in timers)
                {
                    _byDueTime.Remove(timer);
                }
            }
        }
    }

    /// <summary>Fires timers as they fall due until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = TakeDue(DateTime.UtcNow, out var sleep);
            foreach (var timer in due)
            {
                _fire(timer.Message);
            }

            try
            {
                await _earlierTimer.WaitAsync(sleep, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose() => _earlierTimer.Dispose();

    private List<PendingTimer> TakeDue(DateTime now, out TimeSpan sleep)
    {
        var due = new List<PendingTimer>();
        lock (_lock)
        {
            while (_byDueTime.Min is { } first && first.FireAt <= now)
            {
                _byDueTime.Remove(first);
                var timers = _byInstance[first.InstanceId];
                timers.Remove(first);
                if (timers.Count == 0)
                {
                    _byInstance.Remove(first.InstanceId);
                }

                due.Add(first);
            }

            sleep = _byDueTime.Min is { } next ? Min(next.FireAt - now, LongestSleep) : LongestSleep;
        }

        return due;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed record PendingTimer(DateTime FireAt, long Sequence, string InstanceId, TaskMessage Message);
}
