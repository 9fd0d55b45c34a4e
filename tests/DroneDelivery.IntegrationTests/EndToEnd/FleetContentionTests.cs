using System.Diagnostics;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>More deliveries than drones: every delivery gets a drone of its own, the rest wait and complete as drones free up.</summary>
[Collection(nameof(HeavyLoadCollection))]
public sealed class FleetContentionTests(BusyFleetFixture host, ITestOutputHelper output) : IClassFixture<BusyFleetFixture>
{
    private const int Deliveries = 200;

    [Fact]
    public async Task TwoHundredSimultaneousDeliveries_OnFiftyDrones_NeverShareADrone_AndAllComplete()
    {
        var stopwatch = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, Deliveries).Select(_ => host.RequestDeliveryAsync(SampleRequests.Json())));
        var pending = new HashSet<string>(ids);
        // 150 deliveries wait for a drone, asking again in step (5 s doubling to a minute), and drones drained by their
        // deliveries charge before they fly again: 2–4 min here on a quiet machine, more under CI's load.
        var deadline = DateTime.UtcNow.AddMinutes(6);
        var maxBusy = 0;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            var fleet = await host.GetJsonAsync<List<Drone>>("/api/drones");
            var held = fleet.Where(drone => drone.DeliveryId is not null).ToList();
            Assert.Equal(held.Count, held.Select(drone => drone.DeliveryId).Distinct().Count());
            maxBusy = Math.Max(maxBusy, held.Count);

            foreach (var id in pending.ToList())
            {
                using var response = await host.Http.GetAsync($"/api/deliveries/{id}/status", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode && LocalHostFixture.ReadJson(response).GetProperty("stage").GetString() is nameof(DeliveryStage.Completed) or nameof(DeliveryStage.Failed))
                {
                    pending.Remove(id);
                }
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        output.WriteLine($"{Deliveries} deliveries on 50 drones finished in {stopwatch.Elapsed.TotalSeconds:F1} s; at most {maxBusy} drones busy at once");
        var stuck = await Task.WhenAll(pending.Select(async id => $"{id}: {(await host.GetJsonAsync<DeliveryStatus>($"/api/deliveries/{id}/status")).Stage}"));
        Assert.True(pending.Count == 0, $"not finished: {string.Join(", ", stuck)}" + (pending.Count == 0 ? string.Empty : await host.DiagnoseAsync(pending.First())));
        var statuses = await Task.WhenAll(ids.Select(id => host.GetJsonAsync<DeliveryStatus>($"/api/deliveries/{id}/status")));
        Assert.All(statuses, status => Assert.Equal(DeliveryStage.Completed, status.Stage));
        var utilization = await host.GetJsonAsync<DroneUtilization>("/api/drones/utilization");
        // Every drone is back: in the pool, or charging what its deliveries drained (docs/drones.md#battery-and-charging).
        Assert.Equal((0, 0, 50), (utilization.Assigned, utilization.InFlight, utilization.Available + utilization.Charging));
    }
}
