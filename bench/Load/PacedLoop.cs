using System.Diagnostics;
using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Load;

/// <summary>
/// A fixed arrival rate (open loop): operation <c>i</c> starts at <c>i / perSecond</c> seconds
/// whether or not earlier ones were answered, with at most <c>Concurrency</c> in flight so an
/// overloaded target cannot make the bench run away.
/// </summary>
public static class PacedLoop
{
    public static async Task<PhaseResult> RunAsync(string name, double perSecond, LoadShape shape, Func<int, Task<bool>> operation)
    {
        var log = new LatencyLog();
        using var inFlight = new SemaphoreSlim(shape.Concurrency);
        var running = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        for (var index = 0; index < shape.MaxCount; index++)
        {
            var due = TimeSpan.FromSeconds(index / perSecond);
            if (due >= shape.Duration)
            {
                break;
            }

            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            await inFlight.WaitAsync();
            var current = index;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await log.TimeAsync(() => operation(current));
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(running);
        return ClosedLoop.Report(log.Result(name, Stopwatch.GetElapsedTime(started)), log);
    }
}
