using System.Diagnostics;
using System.Text;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.DevHost.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DroneDelivery.Bench.Scenarios.Floor;

/// <summary>
/// What the Durable machinery alone costs per delivery on this machine: the local host's own
/// in-memory backend, gRPC sidecar and worker (<see cref="DurableBackendExtensions"/>), in this
/// process with nothing else running, driving orchestrations shaped like a delivery up to
/// "scheduled" — <see cref="FloorSaga"/>'s activities one after the other (7 work items, as the saga's version 2),
/// each passing a delivery request's JSON in and out — whose activities do nothing. Its CPU time
/// per orchestration is a floor under a delivery's — none costs less while it takes these round
/// trips — so it bounds the pipeline's rate from above. A backlog of <see cref="Orchestrations"/> after a warm-up of <see cref="WarmUpOrchestrations"/>.
/// </summary>
public static class DurableFloorScenario
{
    private const int WarmUpOrchestrations = 1_000;
    private const int Orchestrations = 2_000;

    public static async Task<PhaseResult> RunAsync(DeliveryPayloads payloads)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLocalDurable(builder.Configuration, tasks => tasks.AddOrchestrator<FloorSaga>().AddActivity<FloorStep>().AddActivity<FloorLastStep>());
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            await RunBacklogAsync(client, payloads, "floor-warm", WarmUpOrchestrations);

            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var latencies = await RunBacklogAsync(client, payloads, "floor", Orchestrations);
            var seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            return new PhaseResult($"pipeline floor: Durable alone, {FloorSaga.Activities} no-op activities", latencies.Length, Orchestrations - latencies.Length,
                seconds, LatencySummary.From(latencies))
            {
                HostCpuMsPerOperation = cpuMs / Orchestrations,
            };
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>
    /// Schedules <paramref name="count"/> orchestrations at once and waits until each has run its last
    /// activity (signalled in process: no client polls the backend meanwhile); returns the start→scheduled
    /// milliseconds of those that got there within five minutes.
    /// </summary>
    private static async Task<double[]> RunBacklogAsync(DurableTaskClient client, DeliveryPayloads payloads, string phase, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var runs = Enumerable.Range(0, count).Select(async index =>
        {
            var id = $"{phase}-{index}";
            var scheduled = FloorLastStep.Scheduled[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(FloorSaga), Encoding.UTF8.GetString(payloads.Create(phase, index)), new StartOrchestrationOptions(id), timeout.Token);
            try
            {
                await scheduled.Task.WaitAsync(timeout.Token);
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            catch (OperationCanceledException)
            {
                return (double?)null;
            }
            finally
            {
                FloorLastStep.Scheduled.TryRemove(id, out _);
            }
        });
        return [.. (await Task.WhenAll(runs)).OfType<double>()];
    }
}
