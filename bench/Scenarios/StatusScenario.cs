using System.Net;
using DroneDelivery.Bench.Load;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Stores.Deliveries;
using StackExchange.Redis;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// Status reads: GET /api/deliveries/{id}/status over the deliveries the run created, against a
/// bare Redis GET of the same deliveries' records (the key the delivery store uses) from this
/// process, with the same number of concurrent callers.
/// </summary>
public static class StatusScenario
{
    public static async Task<(PhaseResult Target, PhaseResult? Baseline)> RunAsync(HttpClient target, string? redis, BenchOptions options, IReadOnlyList<string> ids)
    {
        var shape = new LoadShape(options.Concurrency, TimeSpan.FromSeconds(options.HttpSeconds), options.MaxPerPhase);
        var warmUp = shape with { Duration = TimeSpan.FromSeconds(2) };
        await ClosedLoop.RunAsync("warm-up", warmUp, index => GetStatusAsync(target, ids[index % ids.Count]));
        var status = await ClosedLoop.RunAsync("status, GET /api/deliveries/{id}/status", shape, index => GetStatusAsync(target, ids[index % ids.Count]));
        if (redis is null)
        {
            return (status, null);
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var database = connection.GetDatabase();
        await ClosedLoop.RunAsync("warm-up", warmUp, index => GetRecordAsync(database, ids[index % ids.Count]));
        var bare = await ClosedLoop.RunAsync("status, bare Redis GET", shape, index => GetRecordAsync(database, ids[index % ids.Count]));
        return (status, bare);
    }

    private static async Task<bool> GetStatusAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"api/deliveries/{id}/status");
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<bool> GetRecordAsync(IDatabase database, string id) =>
        !(await database.StringGetAsync(RedisDeliveryRepository.Key(id))).IsNull;
}
