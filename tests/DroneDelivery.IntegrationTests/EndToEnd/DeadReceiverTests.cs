using System.Diagnostics;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host with 200 drones flying at 600×: room for 200 deliveries at once.</summary>
public sealed class WideFleetFixture : SimulatedFleetFixture
{
    protected override string[] Settings => ["--Drones:TimeScale", "600", "--Fleet:Size", "200"];
}

/// <summary>
/// A dead webhook receiver (connection refused) does not slow deliveries: batches of 200 deliveries of
/// an owner without webhooks and of an owner whose webhook points at a closed port, alternated in the
/// same run, finish at the same rate; the failed attempts are recorded; when a receiver comes up on that port,
/// every pending event reaches it (nothing lost).
/// </summary>
[Collection(nameof(HeavyLoadCollection))]
public sealed class DeadReceiverTests(WideFleetFixture host, ITestOutputHelper output) : IClassFixture<WideFleetFixture>
{
    private const int Deliveries = 200;
    private const int Rounds = 2;

    [Fact]
    public async Task DeadReceiver_DoesNotSlowDeliveries_AndItsEventsArriveWhenItComesBack()
    {
        using var partner = host.SignedIn("bench-partner", DeliveryRoles.Partner, DeliveryRoles.Admin);
        var closedPort = EmbeddedRedis.FreeLoopbackPort();
        using var deadOwner = host.SignedIn("dead-receiver-owner");
        var webhook = await WebhookCalls.RegisterAsync(deadOwner, $"http://127.0.0.1:{closedPort}/hooks");

        // Warm up the host (JIT, pools, fleet) on both paths, with and without a webhook, so neither
        // measured run pays for it; then alternate the two owners, so a drift of the machine (other
        // work on it) weighs on both alike.
        await RunAsync(partner, "no-webhook-owner", 20);
        var warmUp = await RunAsync(partner, "dead-receiver-owner", 20);
        var withoutWebhook = new List<Run>();
        var withDeadWebhook = new List<Run>();
        for (var round = 1; round <= Rounds; round++)
        {
            withoutWebhook.Add(await RunAsync(partner, "no-webhook-owner", Deliveries));
            withDeadWebhook.Add(await RunAsync(partner, "dead-receiver-owner", Deliveries));
            output.WriteLine($"round {round}: {Deliveries} deliveries without a webhook {withoutWebhook[^1].Rate:F1}/s ({withoutWebhook[^1].Seconds:F1} s), "
                + $"with a dead receiver {withDeadWebhook[^1].Rate:F1}/s ({withDeadWebhook[^1].Seconds:F1} s)");
        }

        var outbox = host.Services.GetRequiredService<IWebhookOutbox>();
        var pending = await outbox.CountPendingAsync(CancellationToken.None);
        var attempts = (await deadOwner.GetFromJsonAsync<List<WebhookAttempt>>($"/api/webhooks/{webhook.Id}/attempts", ContractJson.Options))!;
        var rateWithout = Rounds * Deliveries / withoutWebhook.Sum(run => run.Seconds);
        var rateDead = Rounds * Deliveries / withDeadWebhook.Sum(run => run.Seconds);
        output.WriteLine($"overall: {rateWithout:F1} deliveries/s without a webhook, {rateDead:F1}/s with a dead receiver ({rateDead / rateWithout:P0}); "
            + $"{pending} events pending, the latest {attempts.Count} attempts listed");
        Assert.True(rateDead >= 0.75 * rateWithout, $"{rateDead:F1}/s with a dead receiver, {rateWithout:F1}/s without");
        Assert.Equal(3 * ((Rounds * Deliveries) + warmUp.Ids.Count), pending);
        Assert.NotEmpty(attempts);
        Assert.All(attempts, attempt =>
        {
            Assert.Equal(WebhookAttemptOutcome.WillRetry, attempt.Outcome);
            Assert.Null(attempt.StatusCode);
            Assert.Contains("ConnectionRefused", attempt.Error, StringComparison.Ordinal);
        });

        var stopwatch = Stopwatch.StartNew();
        await using var receiver = new WebhookReceiver(closedPort);
        await receiver.StartAsync();
        var received = await receiver.WaitForAsync(all => all.Select(r => r.Id).Distinct().Count() >= pending, TimeSpan.FromSeconds(60), $"{pending} events");
        while (await outbox.CountPendingAsync(CancellationToken.None) > 0)
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), "the outbox did not drain");
            await Task.Delay(100);
        }

        output.WriteLine($"receiver back: all {received.Select(r => r.Id).Distinct().Count()} pending events delivered in {stopwatch.Elapsed.TotalSeconds:F1} s ({received.Count} requests)");
        var perDelivery = received.GroupBy(r => WebhookCalls.Attribute(r.Body, "subject")).ToList();
        Assert.Equal(withDeadWebhook.Prepend(warmUp).SelectMany(run => run.Ids).Order(StringComparer.Ordinal), perDelivery.Select(group => group.Key).Order(StringComparer.Ordinal));
        Assert.All(perDelivery, group => Assert.Equal(
            [WebhookEventTypes.Assigned, WebhookEventTypes.Delivered, WebhookEventTypes.PickedUp],
            group.Select(r => WebhookCalls.Attribute(r.Body, "type")).Distinct().Order(StringComparer.Ordinal)));
    }

    /// <summary>Requests <paramref name="count"/> deliveries for the owner at once and waits until all are Completed.</summary>
    private async Task<Run> RunAsync(HttpClient partner, string owner, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => WebhookCalls.RequestDeliveryAsync(partner, owner)));
        var pending = new HashSet<string>(ids, StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            if (stopwatch.Elapsed > TimeSpan.FromMinutes(3))
            {
                // What each unfinished one was last seen at (a stage, or the status code), to tell a slow run from a stuck one.
                Assert.Fail($"{pending.Count} of {count} deliveries of {owner} unfinished, last seen: "
                    + string.Join(", ", pending.GroupBy(id => seen.GetValueOrDefault(id, "never read")).Select(group => $"{group.Count()} {group.Key}"))
                    + await host.DiagnoseAsync(pending.First()));
            }

            foreach (var id in pending.ToList())
            {
                using var response = await partner.GetAsync($"/api/deliveries/{id}/status");
                var stage = response.IsSuccessStatusCode ? LocalHostFixture.ReadJson(response).GetProperty("stage").GetString() : null;
                seen[id] = stage ?? $"{(int)response.StatusCode}";
                Assert.NotEqual(nameof(DeliveryStage.Failed), stage);
                if (stage == nameof(DeliveryStage.Completed))
                {
                    pending.Remove(id);
                }
            }

            await Task.Delay(100);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        return new Run(count / seconds, seconds, ids);
    }

    /// <summary>One batch of deliveries: how fast they finished (requested to the last Completed) and their ids.</summary>
    private sealed record Run(double Rate, double Seconds, IReadOnlyList<string> Ids);
}
