using System.Collections.Concurrent;
using System.Diagnostics;
using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Load;

/// <summary>Collects the outcome and latency of every operation of a phase, from any number of workers.</summary>
public sealed class LatencyLog
{
    private readonly ConcurrentBag<double> _milliseconds = [];
    private int _succeeded;
    private int _failed;

    /// <summary>Runs one operation, timing it; an exception counts as a failure (the first few are kept for the report).</summary>
    public async Task TimeAsync(Func<Task<bool>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        bool ok;
        try
        {
            ok = await operation();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            ok = false;
            Errors.Enqueue(exception.Message);
        }

        if (ok)
        {
            _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref _succeeded);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }
    }

    public ConcurrentQueue<string> Errors { get; } = new();

    public PhaseResult Result(string name, TimeSpan elapsed) =>
        new(name, _succeeded, _failed, elapsed.TotalSeconds, LatencySummary.From(_milliseconds.ToArray()));
}
