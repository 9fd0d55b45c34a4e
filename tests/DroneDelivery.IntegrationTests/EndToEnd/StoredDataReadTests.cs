using System.Net;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// A delivery's reads never fail on what its stores hold: status and events of a delivery under way
/// answer 200 whatever a report put into its tracking (a time at the end of the calendar, values no
/// validation admits, damaged entries written behind the services' backs).
/// </summary>
public sealed class StoredDataReadTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Theory]
    [InlineData(DeliveryStage.HeadedToPickup)]
    [InlineData(DeliveryStage.HeadedToDropoff)]
    public async Task StatusAndEvents_AfterAReportDatedAtTheEndOfTime_Answer200(DeliveryStage stage)
    {
        var deliveryId = await RecordUnderWayAsync(stage);
        await AppendAsync(deliveryId, new TrackingEvent("far-future", deliveryId, TrackingKinds.Position, null, new Location(47.63, -122.15), "drone-0001", DateTimeOffset.MaxValue));
        await AppendAsync(deliveryId, new TrackingEvent("far-past", deliveryId, TrackingKinds.Position, null, new Location(-90, 180), "drone-0001", DateTimeOffset.MinValue));

        await AssertReadableAsync(deliveryId, stage, expectedPositions: 2);
    }

    [Fact]
    public async Task StatusAndEvents_WithDamagedTrackingEntries_Answer200WithWhatCanBeRead()
    {
        var deliveryId = await RecordUnderWayAsync(DeliveryStage.HeadedToDropoff);
        await AppendAsync(deliveryId, new TrackingEvent("good", deliveryId, TrackingKinds.Position, null, new Location(47.63, -122.15), "drone-0001", DateTimeOffset.UtcNow));
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        await redis.ListRightPushAsync($"tracking:{deliveryId}", ["not json", "{}", """{"eventId":"x","deliveryId":"y","kind":"Position","position":{"latitude":1e400,"longitude":0},"occurredAt":"2025-01-01T00:00:00Z"}""", "[1,2]", "null"]);
        await redis.HashSetAsync($"tracking:{deliveryId}:position", [new HashEntry("at", long.MaxValue), new HashEntry("json", "{\"eventId\":")]);

        await AssertReadableAsync(deliveryId, DeliveryStage.HeadedToDropoff, expectedPositions: 1);
    }

    private async Task AssertReadableAsync(string deliveryId, DeliveryStage stage, int expectedPositions)
    {
        using var status = await host.Http.GetAsync($"/api/deliveries/{deliveryId}/status", TestContext.Current.CancellationToken);
        using var events = await host.Http.GetAsync($"/api/deliveries/{deliveryId}/events", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(stage, (await status.Content.ReadFromJsonAsync<DeliveryStatus>(ContractJson.Options, TestContext.Current.CancellationToken))!.Stage);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        // The record's PUT adds its StageChanged event; the reports are the Position events.
        var history = (await events.Content.ReadFromJsonAsync<List<TrackingEvent>>(ContractJson.Options, TestContext.Current.CancellationToken))!;
        Assert.Equal(expectedPositions, history.Count(e => e.Kind == TrackingKinds.Position));
    }

    /// <summary>A record of the owner's under way, written through the delivery service's internal PUT (no orchestration: nothing moves it on).</summary>
    private async Task<string> RecordUnderWayAsync(DeliveryStage stage)
    {
        var request = SampleRequests.Delivery();
        var record = new Delivery(request.DeliveryId, request.OwnerId, request.PickupLocation, request.DropOffLocation, request.PickupTime, request.Deadline,
            request.Expedited, request.ConfirmationRequired, request.PackageInfo.PackageId, "drone-0001", stage);
        using var response = await host.Http.PutAsJsonAsync($"/api/deliveries/{record.Id}", record, ContractJson.Options, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"PUT answered {(int)response.StatusCode}");
        return record.Id;
    }

    private async Task AppendAsync(string deliveryId, TrackingEvent trackingEvent)
    {
        using var response = await host.Http.PostAsJsonAsync($"/api/deliveries/{deliveryId}/tracking", trackingEvent, ContractJson.Options, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
