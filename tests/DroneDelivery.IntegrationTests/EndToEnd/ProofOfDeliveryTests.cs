using System.Net;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// Proof of delivery through the local host, with the simulator flying: a delivery that requires a
/// picture completes with the one the drone brought, which its owner (and no one else) reads back.
/// </summary>
public sealed class ProofOfDeliveryTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task ADeliveryRequiringAPicture_Completes_AndOnlyItsOwnerReadsTheConfirmation()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json(confirmation: ConfirmationType.Picture));
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, TimeSpan.FromSeconds(90));

        var confirmation = await host.GetJsonAsync<DeliveryConfirmation>($"/api/deliveries/{deliveryId}/confirmation");
        using var byAnother = await host.GetAsAsync($"/api/deliveries/{deliveryId}/confirmation", host.TokenFor("owner-2"));

        Assert.Equal(ConfirmationType.Picture, confirmation.Type);
        Assert.StartsWith("https://", confirmation.ContentUri, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", confirmation.Sha256);
        Assert.Equal(confirmation, (await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}")).Confirmation);
        Assert.Equal(HttpStatusCode.NotFound, byAnother.StatusCode);
        Assert.Equal("Not found", LocalHostFixture.ReadJson(byAnother).GetProperty("title").GetString());
    }
}

/// <summary>
/// Proof of delivery with the simulator off, the test reporting as the drone: a Delivered report
/// without the required confirmation is refused and the delivery stays HeadedToDropoff; with it,
/// the delivery completes. The 404s say whether a confirmation is not required or not there yet.
/// </summary>
public sealed class ProofOfDeliveryReportTests(QuietFleetFixture host) : IClassFixture<QuietFleetFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ADeliveredReportWithoutTheRequiredPicture_Is400_AndTheDeliveryStaysHeadedToDropoff_UntilOneCarriesIt()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json(confirmation: ConfirmationType.Picture));
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, Patience);
        using var early = await host.Http.GetAsync($"/api/deliveries/{deliveryId}/confirmation", TestContext.Current.CancellationToken);
        var droneId = (await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}")).DroneId!;
        var credential = (await host.IssueDroneCredentialAsync(droneId)).AuthorizationValue;
        using var pickedUp = await host.PostDroneReportAsync(Report(deliveryId, droneId, DroneEventType.PickedUp, "picked-up"), credential);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToDropoff, Patience);

        using var unconfirmed = await host.PostDroneReportAsync(Report(deliveryId, droneId, DroneEventType.Delivered, "delivered-1"), credential);
        var picture = new DeliveryConfirmation(ConfirmationType.Picture, $"https://media.example/{deliveryId}.jpg", new string('e', 64));
        using var wrongKind = await host.PostDroneReportAsync(
            Report(deliveryId, droneId, DroneEventType.Delivered, "delivered-2") with { Confirmation = picture with { Type = ConfirmationType.Voice } }, credential);

        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal(GetDeliveryConfirmation.NotDeliveredType, LocalHostFixture.ReadJson(early).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Accepted, pickedUp.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.True(LocalHostFixture.ReadJson(unconfirmed).GetProperty("errors").TryGetProperty("confirmation", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.True(LocalHostFixture.ReadJson(wrongKind).GetProperty("errors").TryGetProperty("confirmation.type", out _));
        // Nothing was stored or raised: the delivery still waits for its drop-off, and the refused reports are not in its history.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(DeliveryStage.HeadedToDropoff, (await host.GetJsonAsync<DeliveryStatus>($"/api/deliveries/{deliveryId}/status")).Stage);
        var events = await host.GetJsonAsync<List<TrackingEvent>>($"/api/deliveries/{deliveryId}/events");
        Assert.DoesNotContain(events, e => e.EventId is "delivered-1" or "delivered-2");

        using var confirmed = await host.PostDroneReportAsync(Report(deliveryId, droneId, DroneEventType.Delivered, "delivered-3") with { Confirmation = picture }, credential);

        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, Patience);
        Assert.Equal(picture, await host.GetJsonAsync<DeliveryConfirmation>($"/api/deliveries/{deliveryId}/confirmation"));
    }

    [Fact]
    public async Task ADeliveryRequiringNoConfirmation_CompletesWithoutOne_AndSaysNoneIsRequired()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, Patience);
        var droneId = (await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}")).DroneId!;
        var credential = (await host.IssueDroneCredentialAsync(droneId)).AuthorizationValue;
        using var pickedUp = await host.PostDroneReportAsync(Report(deliveryId, droneId, DroneEventType.PickedUp, "picked-up"), credential);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToDropoff, Patience);

        // A drone that sends a picture anyway is not turned away; the picture is not kept.
        using var delivered = await host.PostDroneReportAsync(
            Report(deliveryId, droneId, DroneEventType.Delivered, "delivered") with
            {
                Confirmation = new DeliveryConfirmation(ConfirmationType.Picture, "https://media.example/unasked.jpg", new string('e', 64)),
            },
            credential);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, Patience);
        using var confirmation = await host.Http.GetAsync($"/api/deliveries/{deliveryId}/confirmation", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, confirmation.StatusCode);
        Assert.Equal(GetDeliveryConfirmation.NotRequiredType, LocalHostFixture.ReadJson(confirmation).GetProperty("type").GetString());
        Assert.Null((await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}")).Confirmation);
    }

    private static DroneEvent Report(string deliveryId, string droneId, DroneEventType type, string eventId) =>
        new(eventId, deliveryId, droneId, type, new Location(47.63, -122.15), DateTimeOffset.UtcNow);
}
