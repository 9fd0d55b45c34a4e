using System.Net;
using System.Text.Json;
using DroneDelivery.Bench.Load;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Target;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// Record writes: <c>PUT /api/deliveries/{id}</c> (the workflow's write, function key) of a new
/// valid record per request — 201 counts — against the write baseline, a bare Kestrel endpoint in
/// this process doing one Redis SET of the same body per request (<see cref="BareEndpoint.WriteAsync"/>),
/// with the same concurrent callers, each after the same unreported warm-up. Every phase writes
/// records of its own (ids from the run's start time and the phase), so each PUT creates one. Each phase
/// reports the bench's and the Redis server's CPU per write, and a PUT phase its host's (<paramref name="cpu"/>).
/// </summary>
public sealed class RecordWriteScenario(BenchOptions options, PhaseCpu cpu)
{
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly string _runId = "bench-" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture);
    private int _phase;

    private LoadShape Shape => new(options.Concurrency, TimeSpan.FromSeconds(options.HttpSeconds), options.MaxPerPhase);

    /// <summary>
    /// The record PUT on a host (ids unique to the run and phase: every request creates a record); its CPU measured
    /// by <paramref name="hostCpu"/> when given (a second host beside the first), else by the scenario's.
    /// </summary>
    public Task<PhaseResult> PutAsync(HttpClient host, string name, PhaseCpu? hostCpu = null) => RunAsync(host, name, hostCpu ?? cpu, onHost: true);

    private async Task<PhaseResult> RunAsync(HttpClient http, string name, PhaseCpu measured, bool onHost)
    {
        var phase = ++_phase;
        await ClosedLoop.RunAsync("warm-up", Shape with { Duration = TimeSpan.FromSeconds(options.HttpWarmUpSeconds) }, index => PutRecordAsync(http, $"{_runId}-{phase}w-{index}", index));
        return await measured.MeasureAsync(() => ClosedLoop.RunAsync(name, Shape, index => PutRecordAsync(http, $"{_runId}-{phase}-{index}", index)), onHost);
    }

    /// <summary>The write baseline against <paramref name="redis"/>, the host's own store.</summary>
    public async Task<PhaseResult> BaselineAsync(string redis)
    {
        await using var baseline = await BareEndpoint.WriteAsync(redis);
        using var http = TargetClient.Create(baseline.BaseUrl, options);
        return await RunAsync(http, "write baseline: bare Kestrel + Redis SET", cpu, onHost: false);
    }

    private async Task<bool> PutRecordAsync(HttpClient http, string id, int index)
    {
        using var response = await http.PutAsync($"api/deliveries/{id}", TargetClient.Json(Record(id, index)));
        return response.StatusCode == HttpStatusCode.Created;
    }

    private byte[] Record(string id, int index) => JsonSerializer.SerializeToUtf8Bytes(
        new Delivery(
            id, $"bench-owner-{index % 100}", new Location(47.642 + (index % 1000) / 100_000.0, -122.137), new Location(47.6062, -122.3321),
            _now.AddHours(1), _now.AddHours(3), false, ConfirmationType.None, $"{id}-package", $"drone-{index % 1000:D4}", DeliveryStage.Created),
        ContractJson.Options);
}
