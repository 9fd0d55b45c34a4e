using System.Net;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host's in-memory Durable backend purges ended orchestrations after
/// <c>Durable:PurgeFinishedAfter</c> (and their timers as soon as they end); what customers and
/// drones see of a delivery then comes from the stores.
/// </summary>
public sealed class OrchestrationPurgeTests(PurgingHostFixture host) : IClassFixture<PurgingHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _credentials = new(StringComparer.Ordinal);

    private InMemoryDurableBackend Backend => host.Services.GetRequiredService<InMemoryDurableBackend>();

    [Fact]
    public async Task ACompletedDelivery_IsPurgedAfterTheRetention_AndStillAnswersFromItsStores()
    {
        var deliveryId = await PurgedDeliveryAsync();

        var status = await host.GetJsonAsync<DeliveryStatus>($"/api/deliveries/{deliveryId}/status");
        Assert.Equal(DeliveryStage.Completed, status.Stage);
        var stages = (await host.GetJsonAsync<List<TrackingEvent>>($"/api/deliveries/{deliveryId}/events"))
            .Where(e => e.Kind == TrackingKinds.StageChanged).Select(e => e.Stage).ToList();
        Assert.Equal([DeliveryStage.Created, DeliveryStage.HeadedToPickup, DeliveryStage.HeadedToDropoff, DeliveryStage.Completed], stages);
    }

    [Fact]
    public async Task APurgedDelivery_AnswersALateDroneReport403_AndACancel409()
    {
        var deliveryId = await PurgedDeliveryAsync();
        var droneId = (await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}")).DroneId!;

        using var lateReport = await PostReportAsync(deliveryId, droneId, DroneEventType.Delivered);
        using var cancel = await host.Http.DeleteAsync($"/api/deliveryrequests/{deliveryId}", TestContext.Current.CancellationToken);

        // The drone was released when the delivery completed: it no longer flies it (the simulator, like a drone, stops).
        Assert.Equal(HttpStatusCode.Forbidden, lateReport.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Fact]
    public async Task ARunningDelivery_IsKeptPastTheRetention()
    {
        var (deliveryId, _) = await ScheduledDeliveryAsync();

        await Task.Delay(PurgingHostFixture.Retention * 3, TestContext.Current.CancellationToken);

        var orchestration = await host.GetJsonAsync<System.Text.Json.JsonElement>($"/local/orchestrations/{deliveryId}");
        Assert.Equal("Running", orchestration.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnEndedDelivery_TakesItsPendingDeadlineTimerWithIt()
    {
        var before = Backend.PendingTimers;
        var (deliveryId, droneId) = await ScheduledDeliveryAsync();
        // The record says HeadedToPickup a moment before the orchestration sets the pickup deadline's timer.
        await WaitUntilAsync(() => Backend.PendingTimers > before, Patience);
        await ReportAsync(deliveryId, droneId, DroneEventType.PickedUp);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToDropoff, Patience);
        await ReportAsync(deliveryId, droneId, DroneEventType.Delivered);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, Patience);

        await WaitUntilAsync(() => Backend.PendingTimers == before, Patience);
    }

    /// <summary>A delivery flown to Completed whose orchestration has been purged.</summary>
    private async Task<string> PurgedDeliveryAsync()
    {
        var (deliveryId, droneId) = await ScheduledDeliveryAsync();
        await ReportAsync(deliveryId, droneId, DroneEventType.PickedUp);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToDropoff, Patience);
        await ReportAsync(deliveryId, droneId, DroneEventType.Delivered);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, Patience);
        using var orchestration = await host.PollAsync($"/local/orchestrations/{deliveryId}", response => response.StatusCode == HttpStatusCode.NotFound, Patience);
        Assert.Equal(HttpStatusCode.NotFound, orchestration.StatusCode);
        return deliveryId;
    }

    private async Task<(string DeliveryId, string DroneId)> ScheduledDeliveryAsync()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, Patience);
        var droneId = (await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}")).DroneId!;
        return (deliveryId, droneId);
    }

    private async Task ReportAsync(string deliveryId, string droneId, DroneEventType type)
    {
        using var response = await PostReportAsync(deliveryId, droneId, type);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostReportAsync(string deliveryId, string droneId, DroneEventType type) =>
        await host.PostDroneReportAsync(
            new DroneEvent($"{deliveryId}:{type}:{Guid.NewGuid():N}", deliveryId, droneId, type, new Location(47.62, -122.17), DateTimeOffset.UtcNow),
            await CredentialAsync(droneId));

    /// <summary>Each drone's credential, issued once per drone through the fleet owner's route.</summary>
    private async Task<string> CredentialAsync(string droneId)
    {
        if (!_credentials.TryGetValue(droneId, out var authorization))
        {
            authorization = _credentials[droneId] = (await host.IssueDroneCredentialAsync(droneId)).AuthorizationValue;
        }

        return authorization;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
