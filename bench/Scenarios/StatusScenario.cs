using System.Net;
using DroneDelivery.Bench.Load;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Target;
using DroneDelivery.Deliveries.Stores;
using StackExchange.Redis;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// Status reads: GET /api/deliveries/{id}/status over the deliveries the run created, against two
/// baselines with the same number of concurrent callers and the same ids: a bare Redis GET of the
/// same records (the key the delivery store uses) from this process, and the HTTP ceiling — a bare
/// Kestrel endpoint in this process doing that GET per request (<see cref="BareEndpoint.StatusAsync"/>).
/// Each phase reports the bench's and the Redis server's CPU per read, and the status phase the host's (<see cref="PhaseCpu"/>).
/// </summary>
public static class StatusScenario
{
    public static async Task<StatusResults> RunAsync(HttpClient target, string? redis, PhaseCpu cpu, BenchOptions options, IReadOnlyList<string> ids)
    {
        var shape = new LoadShape(options.Concurrency, TimeSpan.FromSeconds(options.HttpSeconds), options.MaxPerPhase);
        var warmUp = shape with { Duration = TimeSpan.FromSeconds(options.HttpWarmUpSeconds) };
        await ClosedLoop.RunAsync("warm-up", warmUp, index => GetStatusAsync(target, ids[index % ids.Count]));
        var status = await cpu.MeasureAsync(() => ClosedLoop.RunAsync("status, GET /api/deliveries/{id}/status", shape, index => GetStatusAsync(target, ids[index % ids.Count])));
        if (redis is null)
        {
            return new StatusResults(status, null, null);
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var database = connection.GetDatabase();
        await ClosedLoop.RunAsync("warm-up", warmUp, index => GetRecordAsync(database, ids[index % ids.Count]));
        var bare = await cpu.MeasureAsync(() => ClosedLoop.RunAsync("status, bare Redis GET", shape, index => GetRecordAsync(database, ids[index % ids.Count])), onHost: false);

        await using var ceiling = await BareEndpoint.StatusAsync(redis);
        using var http = TargetClient.Create(ceiling.BaseUrl, options);
        await ClosedLoop.RunAsync("warm-up", warmUp, index => GetStatusAsync(http, ids[index % ids.Count]));
        var overHttp = await cpu.MeasureAsync(
            () => ClosedLoop.RunAsync("status, HTTP ceiling: bare Kestrel + Redis GET", shape, index => GetStatusAsync(http, ids[index % ids.Count])), onHost: false);
        return new StatusResults(status, bare, overHttp);
    }

    private static async Task<bool> GetStatusAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"api/deliveries/{id}/status");
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<bool> GetRecordAsync(IDatabase database, string id) =>
        !(await database.StringGetAsync(RedisDeliveryRepository.Key(id))).IsNull;
}
