using System.Net;
using DroneDelivery.Bench.Load;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Target;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// Ingestion: POST /api/deliveryrequests as fast as <c>Concurrency</c> clients can, against the
/// target and against the bare Kestrel endpoint, with the same bodies and the same client settings.
/// An accepted request is a 202. Each phase reports its CPU per request (<see cref="PhaseCpu"/>).
/// </summary>
public static class IngestionScenario
{
    public const string Path = "api/deliveryrequests";

    public static async Task<(PhaseResult Target, PhaseResult Baseline)> RunAsync(HttpClient target, PhaseCpu cpu, BenchOptions options, DeliveryPayloads payloads)
    {
        await using var bare = await BareIngestionEndpoint.StartAsync();
        using var baseline = TargetClient.Create(bare.BaseUrl, options);
        var shape = new LoadShape(options.Concurrency, TimeSpan.FromSeconds(options.HttpSeconds), options.MaxPerPhase);
        var warmUp = shape with { Duration = TimeSpan.FromSeconds(options.HttpWarmUpSeconds) };

        await ClosedLoop.RunAsync("warm-up", warmUp, index => PostAsync(baseline, payloads.Create("warm-bare", index)));
        var bareResult = await cpu.MeasureAsync(
            () => ClosedLoop.RunAsync("ingestion, bare Kestrel", shape, index => PostAsync(baseline, payloads.Create("bare", index))), onHost: false);
        await ClosedLoop.RunAsync("warm-up", warmUp, index => PostAsync(target, payloads.Create("warm-ingest", index)));
        var targetResult = await cpu.MeasureAsync(
            () => ClosedLoop.RunAsync("ingestion, POST /api/deliveryrequests", shape, index => PostAsync(target, payloads.Create("ingest", index))));
        return (targetResult, bareResult);
    }

    private static async Task<bool> PostAsync(HttpClient http, byte[] body)
    {
        using var content = TargetClient.Json(body);
        using var response = await http.PostAsync(Path, content);
        return response.StatusCode == HttpStatusCode.Accepted;
    }
}
