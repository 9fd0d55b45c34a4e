using System.Diagnostics;

namespace DroneDelivery.Bench.Target;

/// <summary>Samples a process's working set (resident memory) and CPU time used so far at a fixed interval, each sample labelled with the phase running then.</summary>
public sealed class WorkingSetSampler(int processId, TimeSpan interval) : IAsyncDisposable
{
    private readonly List<WorkingSetSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private Task? _loop;

    public string Phase { get; set; } = "idle";

    public IReadOnlyList<WorkingSetSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return _samples.ToList();
            }
        }
    }

    /// <summary>Seconds since sampling began: the time axis of <see cref="Samples"/>.</summary>
    public double ElapsedSeconds => Stopwatch.GetElapsedTime(_started).TotalSeconds;

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>Takes one sample now (also used between phases to pin idle levels).</summary>
    public WorkingSetSample? SampleNow()
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            var sample = new WorkingSetSample(Math.Round(ElapsedSeconds, 2), Phase, process.WorkingSet64, process.TotalProcessorTime.TotalSeconds);
            lock (_samples)
            {
                _samples.Add(sample);
            }

            return sample;
        }
        catch (ArgumentException)
        {
            return null; // the process has exited
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                SampleNow();
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }
}

/// <summary>A reading: seconds since sampling began, the phase, resident bytes, and CPU seconds the process has used.</summary>
public sealed record WorkingSetSample(double AtSeconds, string Phase, long Bytes, double CpuSeconds);
