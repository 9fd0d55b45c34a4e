using System.Net;
using System.Text.Json;
using DroneDelivery.Bench.Load;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.Bench.Report;
using DroneDelivery.Bench.Target;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// Does a dead webhook receiver slow deliveries down? One local host with the simulator on (drones fly
/// at a high time scale and cycle), two owners: one without webhooks, one whose webhook points at a
/// loopback port nothing listens on (connection refused on every attempt). Each round posts the same
/// backlog for each owner in turn and takes the rate at which it is flown to Completed; alternating the
/// owners lets a drift of the shared machine weigh on both alike. Reported: each round's two rates and
/// the ratio of the totals, and the events left waiting for the receiver (none is dropped).
/// </summary>
public static class WebhookComparisonScenario
{
    private const string QuietOwner = "bench-no-webhook";
    private const string DeadReceiverOwner = "bench-dead-receiver";

    /// <summary>Host configuration: the simulator on at 600× (a delivery flies in seconds), drones that never run flat.</summary>
    public static IReadOnlyList<string> HostArguments { get; } =
        ["--Simulator:Enabled", "true", "--Drones:TimeScale", "600", "--Fleet:RangeKm", "100000"];

    public static async Task<WebhookComparison> RunAsync(BenchOptions options, string repoRoot, string resultsDirectory, string command, string runId)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var system = await LocalSystem.StartAsync(options, repoRoot, resultsDirectory, "webhooks", [.. HostArguments]);
        using var partner = TargetClient.Create(system.BaseUrl, options, system.Authorization);
        using var deadOwner = TargetClient.Create(system.BaseUrl, options,
            new KeyValuePair<string, string>("Authorization", $"Bearer {await system.MintTokenAsync(DeadReceiverOwner)}"));
        var closedPort = FreePort.Next();
        var webhookId = await RegisterAsync(deadOwner, $"http://127.0.0.1:{closedPort}/hooks");

        var quiet = new DeliveryPayloads(runId, DateTimeOffset.UtcNow, QuietOwner);
        var dead = new DeliveryPayloads(runId, DateTimeOffset.UtcNow, DeadReceiverOwner);
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] warm-up: {options.DurableWarmUpDeliveries} deliveries per owner");
        await FlyAsync(partner, options, quiet, "quiet-warmup", options.DurableWarmUpDeliveries);
        await FlyAsync(partner, options, dead, "dead-warmup", options.DurableWarmUpDeliveries);

        var rounds = new List<WebhookRound>();
        for (var round = 1; round <= options.WebhookRounds; round++)
        {
            Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] round {round}: {options.WebhookComparisonDeliveries} deliveries per owner");
            var without = await FlyAsync(partner, options, quiet, $"quiet-{round}", options.WebhookComparisonDeliveries);
            var with = await FlyAsync(partner, options, dead, $"dead-{round}", options.WebhookComparisonDeliveries);
            rounds.Add(new WebhookRound(without, with));
        }

        var attempts = await deadOwner.GetFromJsonAsync<List<JsonElement>>($"api/webhooks/{webhookId}/attempts") ?? [];
        return new WebhookComparison(startedAt, command, MachineInfo.Current(), rounds, attempts.Count);
    }

    private static async Task<string> RegisterAsync(HttpClient owner, string url)
    {
        using var response = await owner.PostAsJsonAsync("api/webhooks", new { url });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registering the dead receiver's webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>Posts <paramref name="deliveries"/> at once and waits until they are Completed; the phase's rate is deliveries completed per second, first request to last completion.</summary>
    private static async Task<PhaseResult> FlyAsync(HttpClient http, BenchOptions options, DeliveryPayloads payloads, string phase, int deliveries)
    {
        var poster = new DeliveryPoster(http, payloads, phase);
        await ClosedLoop.RunAsync($"post {phase}", new LoadShape(options.Concurrency, TimeSpan.FromMinutes(5), deliveries), poster.PostAsync);
        var posted = poster.Posted;
        await new ScheduleTracker(http, TimeSpan.FromSeconds(60), DeliveryStage.Completed).CollectAsync(posted, () => { });
        var (completed, seconds, _) = PipelineScenario.DrainRate(posted);
        var latencies = posted.Select(delivery => delivery.LatencyMilliseconds).OfType<double>().ToArray();
        return new PhaseResult(phase, completed, posted.Count - completed, seconds, LatencySummary.From(latencies));
    }
}
