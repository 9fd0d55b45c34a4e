using System.Net;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The delivery lifecycle on the local host with the simulator flying drones at 60×.</summary>
public sealed class LifecycleTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task ADelivery_FliesThroughEveryStageToCompleted_ByItself_WithAFallingEta()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        using (await host.PollAsync($"/api/deliveries/{deliveryId}/status", response => response.IsSuccessStatusCode, TimeSpan.FromSeconds(10)))
        {
        }

        var etaSeconds = new List<double>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        DeliveryStatus status;
        do
        {
            status = await host.GetJsonAsync<DeliveryStatus>($"/api/deliveries/{deliveryId}/status");
            if (status.Stage == DeliveryStage.HeadedToDropoff && status.EtaSeconds is { } seconds)
            {
                etaSeconds.Add(seconds);
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        while (status.Stage != DeliveryStage.Completed && DateTime.UtcNow < deadline);

        Assert.Equal(DeliveryStage.Completed, status.Stage);
        Assert.True(etaSeconds.Count >= 3, $"saw {etaSeconds.Count} ETAs in flight");
        Assert.True(etaSeconds[^1] < etaSeconds[0], $"ETA went {string.Join(" → ", etaSeconds)}");
        var stages = (await host.GetJsonAsync<List<TrackingEvent>>($"/api/deliveries/{deliveryId}/events"))
            .Where(e => e.Kind == TrackingKinds.StageChanged).Select(e => e.Stage).ToList();
        Assert.Equal([DeliveryStage.Created, DeliveryStage.HeadedToPickup, DeliveryStage.HeadedToDropoff, DeliveryStage.Completed], stages);
        var drones = await host.GetJsonAsync<List<Drone>>("/api/drones");
        Assert.DoesNotContain(drones, drone => drone.DeliveryId == deliveryId);
    }

    [Fact]
    public async Task APackageIdUsedByAFinishedDelivery_CanBeUsedAgain_EachDeliveryKeepsItsOwnPackage()
    {
        var packageId = "pkg-reused-" + Guid.NewGuid().ToString("N")[..6];
        var first = await host.RequestDeliveryAsync(SampleRequests.Json(packageId));
        await host.WaitForStageAsync(first, DeliveryStage.Completed, TimeSpan.FromSeconds(60));

        // The same customer package id on a new delivery: it gets its own package and a drone.
        var second = await host.RequestDeliveryAsync(SampleRequests.Json(packageId));
        var status = await host.WaitForStageAsync(second, DeliveryStage.Completed, TimeSpan.FromSeconds(60));

        Assert.Null(status.FailureReason);
        Assert.Equal(first, (await host.GetJsonAsync<Package>($"/api/packages/{first}")).DeliveryId);
        Assert.Equal(second, (await host.GetJsonAsync<Package>($"/api/packages/{second}")).DeliveryId);
        Assert.Equal(packageId, (await host.GetJsonAsync<Delivery>($"/api/deliveries/{second}")).PackageId);
    }

    [Fact]
    public async Task DroneEvents_ForAnUnknownDelivery_Are403_AsForAnyDeliveryTheDroneDoesNotFly()
    {
        var credential = await host.IssueDroneCredentialAsync("drone-0050");
        var droneEvent = new DroneEvent("e-1", "no-such-delivery", "drone-0050", DroneEventType.Position, new Location(47.6, -122.1), DateTimeOffset.UtcNow);

        using var response = await host.PostDroneReportAsync(droneEvent, credential.AuthorizationValue);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheUtilizationSummary_CountsTheFleetFromTheStore()
    {
        var summary = await host.GetJsonAsync<DroneUtilization>("/api/drones/utilization");

        Assert.Equal(50, summary.Total);
        Assert.Equal(summary.Total, summary.Available + summary.Assigned + summary.InFlight + summary.Charging + summary.Maintenance);
    }
}
