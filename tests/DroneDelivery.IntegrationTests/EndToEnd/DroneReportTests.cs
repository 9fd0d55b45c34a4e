using System.Net;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// Drone reports through the local host, each drone as itself (a credential the drone scheduler
/// issued it): only the drone assigned to a delivery, at a plausible time, gets anything stored;
/// revocation and rotation through the fleet owner's routes. The simulator is off, so a delivery
/// waits at HeadedToPickup for the reports the test sends.
/// </summary>
public sealed class DroneReportTests(QuietFleetFixture host) : IClassFixture<QuietFleetFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AReportFromADroneNotAssignedToTheDelivery_Is403_AndNothingIsStored()
    {
        var (deliveryId, assigned) = await ScheduledDeliveryAsync();
        var other = (await host.GetJsonAsync<List<Drone>>("/api/drones")).First(drone => drone.Id != assigned).Id;
        var otherCredential = await host.IssueDroneCredentialAsync(other);

        // As itself, for a delivery it does not fly; then posing as the assigned drone with its own credential.
        using var asItself = await host.PostDroneReportAsync(Report(deliveryId, other, DroneEventType.PickedUp, "foreign-1"), otherCredential.AuthorizationValue);
        using var posing = await host.PostDroneReportAsync(Report(deliveryId, assigned, DroneEventType.PickedUp, "foreign-2"), otherCredential.AuthorizationValue);

        Assert.Equal(HttpStatusCode.Forbidden, asItself.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posing.StatusCode);
        Assert.Equal("application/problem+json", asItself.Content.Headers.ContentType?.MediaType);
        await AssertNotStoredAsync(deliveryId, "foreign-1", "foreign-2");
        var status = await host.GetJsonAsync<DeliveryStatus>($"/api/deliveries/{deliveryId}/status");
        Assert.Equal(DeliveryStage.HeadedToPickup, status.Stage);
        // The only position is the drone's own at assignment, recorded by the system.
        var events = await host.GetJsonAsync<List<TrackingEvent>>($"/api/deliveries/{deliveryId}/events");
        var atAssignment = Assert.Single(events, e => e.Kind == TrackingKinds.Position);
        Assert.Equal($"{deliveryId}:assigned:{assigned}", atAssignment.EventId);
        Assert.Equal(atAssignment.Position, status.LastKnownLocation);
    }

    [Fact]
    public async Task AReportWithoutACredential_OrWithTheWorkflowsFunctionKey_Is401()
    {
        var (deliveryId, assigned) = await ScheduledDeliveryAsync();
        var report = Report(deliveryId, assigned, DroneEventType.Position, "keyed");

        using var none = await host.PostDroneReportAsync(report, authorization: null);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/droneevents") { Content = JsonContent.Create(report, options: ContractJson.Options) };
        keyed.Headers.Add(DroneDelivery.Platform.Security.FunctionKeyHandler.Header, host.KeyFor("Workflow"));
        using var withKey = await host.Bare.SendAsync(keyed, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Drone", Assert.Single(none.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, withKey.StatusCode);
        await AssertNotStoredAsync(deliveryId, "keyed");
    }

    [Theory]
    [InlineData("future", 10L * 60)]
    [InlineData("far-future", 100L * 365 * 24 * 3600)]
    [InlineData("before-the-delivery", -90L)]
    public async Task AReportDatedInTheFuture_OrBeforeTheDeliveryBegan_Is400NamingOccurredAt_AndNothingIsStored(string eventId, long secondsFromNow)
    {
        var (deliveryId, assigned) = await ScheduledDeliveryAsync();
        var credential = await host.IssueDroneCredentialAsync(assigned);
        var orchestration = await host.GetJsonAsync<System.Text.Json.JsonElement>($"/local/orchestrations/{deliveryId}");
        // -90 s is within the clock skew of now, but before the delivery began (it began a few seconds ago).
        Assert.True(orchestration.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(-60), "the delivery began more than a minute ago");
        var occurredAt = DateTimeOffset.UtcNow.AddSeconds(secondsFromNow);

        using var response = await host.PostDroneReportAsync(Report(deliveryId, assigned, DroneEventType.Position, eventId) with { OccurredAt = occurredAt }, credential.AuthorizationValue);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = LocalHostFixture.ReadJson(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("occurredAt", out _), problem.ToString());
        await AssertNotStoredAsync(deliveryId, eventId);
        using var status = await host.Http.GetAsync($"/api/deliveries/{deliveryId}/status", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task DuringRotation_BothLiveCredentialsAreAccepted_AndTheDeliveryCompletes()
    {
        var (deliveryId, assigned) = await ScheduledDeliveryAsync();
        var current = await host.IssueDroneCredentialAsync(assigned);
        var next = await host.IssueDroneCredentialAsync(assigned);

        using var withCurrent = await host.PostDroneReportAsync(Report(deliveryId, assigned, DroneEventType.PickedUp, "picked-up"), current.AuthorizationValue);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToDropoff, Patience);
        using var withNext = await host.PostDroneReportAsync(Report(deliveryId, assigned, DroneEventType.Delivered, "delivered"), next.AuthorizationValue);

        Assert.Equal(HttpStatusCode.Accepted, withCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withNext.StatusCode);
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, Patience);
    }

    [Fact]
    public async Task ARevokedCredential_IsRefused401_WhileTheOtherStillWorks()
    {
        var (deliveryId, assigned) = await ScheduledDeliveryAsync();
        var kept = await host.IssueDroneCredentialAsync(assigned);
        var revoked = await host.IssueDroneCredentialAsync(assigned);

        await host.RevokeDroneCredentialAsync(assigned, revoked.CredentialId);
        using var refused = await host.PostDroneReportAsync(Report(deliveryId, assigned, DroneEventType.Position, "revoked"), revoked.AuthorizationValue);
        using var accepted = await host.PostDroneReportAsync(Report(deliveryId, assigned, DroneEventType.Position, "kept"), kept.AuthorizationValue);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await AssertNotStoredAsync(deliveryId, "revoked");
        var live = await host.GetJsonAsync<List<DroneCredentialInfo>>($"/api/drones/{assigned}/credentials");
        Assert.Equal([kept.CredentialId], live.Select(credential => credential.CredentialId));
    }

    [Fact]
    public async Task AThirdCredential_Is409_UntilOneIsRevoked()
    {
        const string droneId = "drone-0049";
        await host.IssueDroneCredentialAsync(droneId);
        await host.IssueDroneCredentialAsync(droneId);

        using var third = await host.Http.PostAsync($"/api/drones/{droneId}/credentials", content: null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal(2, (await host.GetJsonAsync<List<DroneCredentialInfo>>($"/api/drones/{droneId}/credentials")).Count);
    }

    private async Task<(string DeliveryId, string DroneId)> ScheduledDeliveryAsync()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, Patience);
        var droneId = (await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}")).DroneId!;
        return (deliveryId, droneId);
    }

    private static DroneEvent Report(string deliveryId, string droneId, DroneEventType type, string eventId) =>
        new(eventId, deliveryId, droneId, type, new Location(47.63, -122.15), DateTimeOffset.UtcNow);

    private async Task AssertNotStoredAsync(string deliveryId, params string[] eventIds)
    {
        var events = await host.GetJsonAsync<List<TrackingEvent>>($"/api/deliveries/{deliveryId}/events");
        Assert.DoesNotContain(events, e => eventIds.Contains(e.EventId));
    }
}
