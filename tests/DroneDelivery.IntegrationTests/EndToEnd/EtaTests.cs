using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

public sealed class EtaTests(QuietFleetFixture host) : IClassFixture<QuietFleetFixture>
{
    [Fact]
    public async Task Status_HasAnEtaAsSoonAsADroneIsAssigned_BeforeItsFirstReport()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());

        var status = await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, TimeSpan.FromSeconds(60));

        Assert.NotNull(status.DroneId);
        Assert.NotNull(status.LastKnownLocation);
        Assert.NotNull(status.Eta);
        Assert.True(status.EtaSeconds > 0, $"eta in {status.EtaSeconds} s");
        var events = await host.GetJsonAsync<List<TrackingEvent>>($"/api/deliveries/{deliveryId}/events");
        Assert.Contains(events, e => e.Kind == TrackingKinds.Position && e.EventId == $"{deliveryId}:assigned:{status.DroneId}");
    }
}
