using System.Diagnostics;
using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Load;

/// <summary>
/// As fast as it goes: <c>concurrency</c> workers each send the next operation as soon as their
/// previous one is answered, until the duration has passed or <c>maxCount</c> operations were sent.
/// </summary>
public static class ClosedLoop
{
    public static async Task<PhaseResult> RunAsync(string name, LoadShape shape, Func<int, Task<bool>> operation)
    {
        var log = new LatencyLog();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, shape.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(started) < shape.Duration)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= shape.MaxCount)
                {
                    return;
                }

                await log.TimeAsync(() => operation(index));
            }
        }));
        await Task.WhenAll(workers);
        return Report(log.Result(name, Stopwatch.GetElapsedTime(started)), log);
    }

    internal static PhaseResult Report(PhaseResult result, LatencyLog log)
    {
        if (log.Errors.TryPeek(out var first))
        {
            Console.Error.WriteLine($"  {result.Name}: {log.Errors.Count} errors, first: {first}");
        }

        return result;
    }
}
