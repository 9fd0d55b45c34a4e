using System.Diagnostics;
using System.Net;
using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Target;
using DroneDelivery.DevHost.Hosting;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// The memory run: <c>MemoryDeliveries</c> deliveries requested at up to <c>MemoryRate</c> per second
/// (held back while more than <see cref="BacklogSeconds"/> seconds' worth are unfinished, so the run
/// measures a host keeping up, not a growing backlog), each flown to its end by the simulator; then
/// the host drains and sits idle for <c>SettleSeconds</c>. The working set is sampled throughout;
/// after the idle phase, at each quarter of the deliveries requested, and after the settle phase the host
/// collects its garbage (<c>POST /local/gc</c>) and answers its live heap: what it still holds, without the
/// GC's high-water mark. The readings during the load, at a steady number of deliveries in flight, tell
/// whether further deliveries leave anything behind.
/// </summary>
public sealed class MemoryScenario(HttpClient http, BenchOptions options, DeliveryPayloads payloads, WorkingSetSampler sampler)
{
    public const double BacklogSeconds = 20;
    private const double IdleSeconds = 10;
    private const int HeapReadings = 4;
    private static readonly TimeSpan DrainPatience = TimeSpan.FromSeconds(120);

    public static IReadOnlyList<string> Phases { get; } = ["memory-idle", "memory-load", "memory-drain", "memory-settle"];

    public async Task<MemoryReport> RunAsync()
    {
        await using var progress = new DeliveryProgress(http, () => sampler.ElapsedSeconds);
        progress.Start();
        await PhaseAsync(Phases[0], TimeSpan.FromSeconds(IdleSeconds));
        var idleHeap = await CollectAsync("idle");

        sampler.Phase = Phases[1];
        var loadHeaps = new List<LoadHeapReading>();
        var load = await PostAllAsync(progress, loadHeaps);

        sampler.Phase = Phases[2];
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] drain: waiting for {load.Accepted:N0} deliveries to end");
        await DrainAsync(progress, load.Accepted);

        await PhaseAsync(Phases[3], TimeSpan.FromSeconds(options.SettleSeconds));
        var finalHeap = await CollectAsync("settled");
        return MemoryReport.From(load.Requested, load.Accepted, load.Failed, load.Seconds, load.HeldSeconds, sampler.Samples, progress.Samples)
            with { IdleHeap = idleHeap, FinalHeap = finalHeap, LoadHeaps = loadHeaps };
    }

    /// <summary>Asks the host for a full collection and its live heap; null when it cannot (a host without the endpoint).</summary>
    private async Task<HeapReading?> CollectAsync(string when)
    {
        using var response = await http.PostAsync("local/gc", null);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"  memory: POST /local/gc answered {(int)response.StatusCode} ({when})");
            return null;
        }

        var reading = await response.Content.ReadFromJsonAsync<HeapReading>();
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {when}: live heap {reading!.HeapBytesAfter / (1024 * 1024):N0} MiB after a full collection, working set {reading.WorkingSetBytesBefore / (1024 * 1024):N0} → {reading.WorkingSetBytesAfter / (1024 * 1024):N0} MiB");
        return reading;
    }

    private async Task PhaseAsync(string phase, TimeSpan duration)
    {
        sampler.Phase = phase;
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {phase}: {duration.TotalSeconds:F0} s");
        await Task.Delay(duration);
    }

    /// <summary>
    /// Requests the deliveries, paced, for at most <c>MemorySeconds</c>, reading the live heap into
    /// <paramref name="loadHeaps"/> as each quarter of them has been requested; returns how many were
    /// requested, accepted and failed, the seconds it took and those spent held back.
    /// </summary>
    private async Task<(int Requested, int Accepted, int Failed, double Seconds, double HeldSeconds)> PostAllAsync(DeliveryProgress progress, List<LoadHeapReading> loadHeaps)
    {
        var readingEvery = Math.Max(1, options.MemoryDeliveries / HeapReadings);
        var accepted = 0;
        var failed = 0;
        var held = TimeSpan.Zero;
        var interval = TimeSpan.FromSeconds(1 / options.MemoryRate);
        var maxUnfinished = (long)Math.Max(options.MemoryRate * BacklogSeconds, options.Concurrency);
        using var inFlight = new SemaphoreSlim(options.Concurrency);
        var running = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        var due = TimeSpan.Zero;
        var report = Stopwatch.GetTimestamp();
        var requested = 0;
        for (var index = 0; index < options.MemoryDeliveries && Stopwatch.GetElapsedTime(started).TotalSeconds < options.MemorySeconds; index++)
        {
            var holdStarted = Stopwatch.GetTimestamp();
            while (Volatile.Read(ref accepted) - progress.Ended > maxUnfinished)
            {
                await Task.Delay(100);
            }

            held += Stopwatch.GetElapsedTime(holdStarted);
            var now = Stopwatch.GetElapsedTime(started);
            due = due + interval < now - TimeSpan.FromSeconds(1) ? now : due + interval; // never bursts to catch up
            if (due - now > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due - now);
            }

            await inFlight.WaitAsync();
            requested++;
            var current = index;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    if (await PostAsync(current))
                    {
                        Interlocked.Increment(ref accepted);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                finally
                {
                    inFlight.Release();
                }
            }));
            if (Stopwatch.GetElapsedTime(report) > TimeSpan.FromSeconds(30))
            {
                report = Stopwatch.GetTimestamp();
                Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}]   {index + 1:N0} requested, {progress.Ended:N0} ended, working set {sampler.SampleNow()?.Bytes / (1024 * 1024):N0} MiB");
            }

            running.RemoveAll(task => task.IsCompleted);
            if (requested % readingEvery == 0 && await CollectAsync($"{requested:N0} requested") is { } heap)
            {
                loadHeaps.Add(new LoadHeapReading(requested, progress.Ended, heap));
            }
        }

        await Task.WhenAll(running);
        if (requested < options.MemoryDeliveries)
        {
            Console.Error.WriteLine($"  memory: {requested:N0} of {options.MemoryDeliveries:N0} deliveries requested within --memory-seconds {options.MemorySeconds:F0}");
        }

        return (requested, accepted, failed, Stopwatch.GetElapsedTime(started).TotalSeconds, held.TotalSeconds);
    }

    private async Task<bool> PostAsync(int index)
    {
        try
        {
            using var content = TargetClient.Json(payloads.Create("memory", index));
            using var response = await http.PostAsync(IngestionScenario.Path, content);
            return response.StatusCode == HttpStatusCode.Accepted;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false; // the client's timeout
        }
    }

    /// <summary>Waits until every accepted delivery has ended, or none has ended for <see cref="DrainPatience"/>.</summary>
    private static async Task DrainAsync(DeliveryProgress progress, int accepted)
    {
        var lastEnded = progress.Ended;
        var lastChange = Stopwatch.GetTimestamp();
        while (progress.Ended < accepted && Stopwatch.GetElapsedTime(lastChange) < DrainPatience)
        {
            await Task.Delay(DeliveryProgress.Interval);
            if (progress.Ended != lastEnded)
            {
                lastEnded = progress.Ended;
                lastChange = Stopwatch.GetTimestamp();
            }
        }

        if (progress.Ended < accepted)
        {
            Console.Error.WriteLine($"  drain: {accepted - progress.Ended:N0} deliveries had not ended after {DrainPatience.TotalSeconds:F0} s without progress");
        }
    }
}
