using System.Diagnostics;
using System.Net;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.IntegrationTests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// 2,000 deliveries through the local host with 20% transient failures on every call between
/// services and a 10-second outage of each store (Redis, the package store, the drone store)
/// mid-run; a tenth of them cancelled by the customer. At the end every delivery is Completed,
/// Cancelled or Failed with a reason; none is lost, none had two drones, no drone carried two
/// deliveries, no drone is held by a finished delivery.
/// </summary>
[Trait("Category", "FaultInjection")]
[Collection(nameof(HeavyLoadCollection))]
public sealed class FaultInjectionTests(FaultInjectionHostFixture host, ITestOutputHelper output) : IClassFixture<FaultInjectionHostFixture>
{
    private const int Deliveries = 2_000;
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(12);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoThousandDeliveries_UnderTransientFaultsAndStoreOutages_AllEndAccountedFor()
    {
        var clock = Stopwatch.StartNew();
        var outages = RunOutagesAsync(clock);
        var cancelRequests = new List<Task<HttpStatusCode>>();
        var ids = await RequestAllAsync(id => cancelRequests.Add(CancelAsync(id)));
        var cancelAnswers = await Task.WhenAll(cancelRequests);
        var cancels = (Accepted: cancelAnswers.Count(status => status == HttpStatusCode.Accepted), Refused: cancelAnswers.Count(status => status == HttpStatusCode.Conflict));
        await outages;

        var final = await SettleAsync(ids);
        var drones = await host.Services.GetRequiredService<IDroneRepository>().ListAsync(null, Token);
        var finished = final.Where(entry => entry.Value?.Stage is DeliveryStage.Completed or DeliveryStage.Cancelled or DeliveryStage.Failed).Select(entry => entry.Key).ToHashSet();
        var completed = final.Count(entry => entry.Value?.Stage == DeliveryStage.Completed);
        var cancelled = final.Count(entry => entry.Value?.Stage == DeliveryStage.Cancelled);
        var failed = final.Count(entry => entry.Value?.Stage == DeliveryStage.Failed && !string.IsNullOrWhiteSpace(entry.Value.FailureReason));
        var lost = ids.Count - completed - cancelled - failed;
        var doubleAssigned = host.Ledger.DeliveriesWithTwoDrones();
        var dronesWithTwo = host.Ledger.DronesWithTwoDeliveries();
        var heldByFinished = drones.Where(drone => drone.DeliveryId is not null && finished.Contains(drone.DeliveryId)).ToList();

        output.WriteLine($"requested {ids.Count} / completed {completed} / cancelled {cancelled} / failed {failed} / lost {lost} / double-assigned {doubleAssigned.Count}");
        output.WriteLine($"drones that carried two deliveries at once {dronesWithTwo.Count}; drones held by finished deliveries {heldByFinished.Count}; cancel requests accepted {cancels.Accepted}, refused after pickup {cancels.Refused}");
        output.WriteLine($"{host.Faults.TransientFaultsInjected} of {host.Faults.Calls} service calls failed by injection; store calls refused during outages: {string.Join(", ", host.Faults.StoreCallsRefused.Select(entry => $"{entry.Key} {entry.Value}"))}; drone writes {host.Ledger.Writes}; {clock.Elapsed.TotalSeconds:F0} s");
        foreach (var reason in final.Values.Where(delivery => delivery?.Stage == DeliveryStage.Failed).GroupBy(delivery => Shorten(delivery!.FailureReason)).OrderByDescending(group => group.Count()).Take(5))
        {
            output.WriteLine($"  failed: {reason.Count()} × {reason.Key}");
        }

        await DescribeOpenAsync(ids.Where(id => !finished.Contains(id)).Take(10), final);

        Assert.Equal(0, lost);
        Assert.Equal(ids.Count, completed + cancelled + failed);
        Assert.Empty(doubleAssigned);
        Assert.Empty(dronesWithTwo);
        Assert.Empty(heldByFinished);
        Assert.True(host.Faults.TransientFaultsInjected > Deliveries, $"only {host.Faults.TransientFaultsInjected} faults injected");
        Assert.All(new[] { FaultInjectionHostFixture.Redis, FaultInjectionHostFixture.PackageStore, FaultInjectionHostFixture.DroneStore },
            store => Assert.True(host.Faults.StoreCallsRefused.GetValueOrDefault(store) > 0, $"the {store} outage refused no call"));
        Assert.True(completed > Deliveries / 2, $"only {completed} completed");
    }

    /// <summary>Each store down for 10 s in turn, while deliveries are in flight.</summary>
    private async Task RunOutagesAsync(Stopwatch clock)
    {
        await Task.Delay(TimeSpan.FromSeconds(15), Token);
        foreach (var store in new[] { FaultInjectionHostFixture.Redis, FaultInjectionHostFixture.PackageStore, FaultInjectionHostFixture.DroneStore })
        {
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: {store} down for {OutageLength.TotalSeconds:F0} s");
            await host.Faults.OutageAsync(store, OutageLength, Token);
            await Task.Delay(TimeSpan.FromSeconds(15), Token);
        }
    }

    /// <summary>Requests the deliveries at a pace the fleet keeps up with (about 20 a second, so the outages hit deliveries at every stage); every tenth is handed to <paramref name="cancel"/>.</summary>
    private async Task<List<string>> RequestAllAsync(Action<string> cancel)
    {
        var ids = new List<string>(Deliveries);
        foreach (var batch in Enumerable.Range(0, Deliveries).Chunk(20))
        {
            var pace = Task.Delay(TimeSpan.FromSeconds(1), Token);
            ids.AddRange(await Task.WhenAll(batch.Select(_ => host.RequestDeliveryAsync(SampleRequests.Json()))));
            foreach (var id in ids.Skip(ids.Count - batch.Length).Where((_, index) => index % 10 == 0))
            {
                cancel(id);
            }

            await pace;
        }

        return ids;
    }

    /// <summary>The customer cancels once the delivery is visible: 202 taken, 409 when it is already picked up; retried through 404 (not scheduled yet) and 503.</summary>
    private async Task<HttpStatusCode> CancelAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            using var response = await host.Http.DeleteAsync($"/api/deliveryrequests/{id}", Token);
            if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(250, Token);
        }
    }

    /// <summary>Waits until every delivery has ended and its drone is released (or the timeout passes); the last records read.</summary>
    private async Task<Dictionary<string, Delivery?>> SettleAsync(IReadOnlyList<string> ids)
    {
        var deliveries = host.Services.GetRequiredService<IDeliveryRepository>();
        var drones = host.Services.GetRequiredService<IDroneRepository>();
        var deadline = DateTime.UtcNow + SettleTimeout;
        var final = new Dictionary<string, Delivery?>();
        var clock = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        while (true)
        {
            try
            {
                foreach (var id in ids.Where(id => final.GetValueOrDefault(id)?.Stage is not (DeliveryStage.Completed or DeliveryStage.Cancelled or DeliveryStage.Failed)))
                {
                    final[id] = await deliveries.GetAsync(id, Token);
                }
            }
            catch (RedisTimeoutException)
            {
                // The host is busy; read again on the next round.
            }

            var open = ids.Count(id => final.GetValueOrDefault(id)?.Stage is not (DeliveryStage.Completed or DeliveryStage.Cancelled or DeliveryStage.Failed));
            var held = (await drones.ListAsync(null, Token)).Count(drone => drone.DeliveryId is not null);
            if (clock.Elapsed - reported > TimeSpan.FromSeconds(15))
            {
                reported = clock.Elapsed;
                output.WriteLine($"settling {clock.Elapsed.TotalSeconds:F0} s: {open} deliveries open, {held} drones held");
            }

            if ((open == 0 && held == 0) || DateTime.UtcNow > deadline)
            {
                return final;
            }

            await Task.Delay(2000, Token);
        }
    }

    /// <summary>What a delivery that did not end was doing: its record's stage and its orchestration's state.</summary>
    private async Task DescribeOpenAsync(IEnumerable<string> open, Dictionary<string, Delivery?> final)
    {
        var durable = host.Services.GetRequiredService<DurableTaskClient>();
        foreach (var id in open)
        {
            var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true, Token);
            output.WriteLine($"  open: {id} record {final.GetValueOrDefault(id)?.Stage.ToString() ?? "(none)"}, orchestration {instance?.RuntimeStatus.ToString() ?? "(none)"}"
                + $" ({instance?.SerializedCustomStatus}) {Shorten(instance?.FailureDetails?.ToString())}");
        }
    }

    private static string Shorten(string? reason) => reason is null ? "(none)" : reason.Length > 160 ? reason[..160] : reason;
}
