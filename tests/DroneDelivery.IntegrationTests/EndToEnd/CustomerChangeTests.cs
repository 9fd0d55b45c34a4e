using System.Net;
using System.Text;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>Cancel and reschedule, through ingestion and the queue to the running orchestration, with drones flying in real time.</summary>
public sealed class CustomerChangeTests(SlowFleetFixture host) : IClassFixture<SlowFleetFixture>
{
    private async Task<string> ScheduledDeliveryAsync(string? packageId = null)
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json(packageId));
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, TimeSpan.FromSeconds(30));
        return deliveryId;
    }

    [Fact]
    public async Task ACancelBeforePickup_EndsCancelled_WithTheDroneAvailableAndThePackageRemoved()
    {
        var packageId = "pkg-c-" + Guid.NewGuid().ToString("N")[..6];
        var deliveryId = await ScheduledDeliveryAsync(packageId);
        var droneId = (await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}")).DroneId;
        Assert.Equal(deliveryId, (await host.GetJsonAsync<Package>($"/api/packages/{deliveryId}")).DeliveryId);

        using var cancel = await host.Http.DeleteAsync($"/api/deliveryrequests/{deliveryId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Cancelled, TimeSpan.FromSeconds(30));
        var drone = Assert.Single(await host.GetJsonAsync<List<Drone>>("/api/drones"), d => d.Id == droneId);
        Assert.Equal(DroneState.Available, drone.State);
        Assert.Null(drone.DeliveryId);
        using var package = await host.Http.GetAsync($"/api/packages/{deliveryId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, package.StatusCode);
    }

    [Fact]
    public async Task ACancelOfAFinishedDelivery_Is409()
    {
        var deliveryId = await ScheduledDeliveryAsync();
        using (await host.Http.DeleteAsync($"/api/deliveryrequests/{deliveryId}", TestContext.Current.CancellationToken))
        {
            await host.WaitForStageAsync(deliveryId, DeliveryStage.Cancelled, TimeSpan.FromSeconds(30));
        }

        using var again = await host.Http.DeleteAsync($"/api/deliveryrequests/{deliveryId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ACancelOfAnUnknownDelivery_Is404_AndSendsNothing()
    {
        var sent = host.Queue.Sent;

        using var response = await host.Http.DeleteAsync("/api/deliveryrequests/no-such-delivery", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(sent, host.Queue.Sent);
    }

    [Fact]
    public async Task ARescheduleBeforePickup_MovesTheDeadline_AndIsRecorded()
    {
        var deliveryId = await ScheduledDeliveryAsync();
        var newDeadline = DateTimeOffset.UtcNow.AddHours(9);
        var body = $$"""{ "deadline": "{{newDeadline:O}}" }""";

        using var response = await host.Http.PatchAsync($"/api/deliveryrequests/{deliveryId}", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Delivery delivery;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            delivery = await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}");
        }
        while ((delivery.Deadline != newDeadline || delivery.Stage != DeliveryStage.HeadedToPickup) && DateTime.UtcNow < deadline);

        Assert.Equal(newDeadline, delivery.Deadline);
        Assert.Equal(DeliveryStage.HeadedToPickup, delivery.Stage);
        var events = await host.GetJsonAsync<List<TrackingEvent>>($"/api/deliveries/{deliveryId}/events");
        Assert.Contains(events, e => e.Stage == DeliveryStage.Rescheduled);
    }

    [Fact]
    public async Task ARescheduleWithTheDeadlineBeforePickup_Is400()
    {
        var deliveryId = await ScheduledDeliveryAsync();
        var body = $$"""{ "pickupTime": "{{DateTimeOffset.UtcNow.AddHours(3):O}}", "deadline": "{{DateTimeOffset.UtcNow.AddHours(2):O}}" }""";

        using var response = await host.Http.PatchAsync($"/api/deliveryrequests/{deliveryId}", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(LocalHostFixture.ReadJson(response).GetProperty("errors").TryGetProperty("deadline", out _));
    }
}
