using System.Diagnostics;
using System.Net;
using System.Text;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The whole system in the local host, over HTTP, from the customer's POST to the delivery record.</summary>
[Collection(nameof(LatencyBudgetCollection))]
public sealed class DeliveryFlowTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task AValidRequest_EndsWithADeliveryThatHasADroneAndAPackage_WithinFiveSeconds()
    {
        var packageId = "pkg-" + Guid.NewGuid().ToString("N")[..8];
        var stopwatch = Stopwatch.StartNew();

        using var accepted = await host.Http.PostAsync("/api/deliveryrequests", new StringContent(SampleRequests.Json(packageId), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var deliveryId = LocalHostFixture.ReadJson(accepted).GetProperty("deliveryId").GetString()!;
        Assert.Equal($"/api/deliveries/{deliveryId}", accepted.Headers.Location?.ToString());

        using var found = await host.PollAsync(
            $"/api/deliveries/{deliveryId}",
            response => response.IsSuccessStatusCode && response.Content.ReadAsStringAsync().Result.Contains("\"droneId\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        var delivery = await host.GetJsonAsync<Delivery>($"/api/deliveries/{deliveryId}");
        Assert.StartsWith("drone-", delivery.DroneId, StringComparison.Ordinal);
        Assert.Equal(packageId, delivery.PackageId);

        // The package service keeps the delivery's package under the delivery's id; the customer's packageId is on the record.
        var package = await host.GetJsonAsync<Package>($"/api/packages/{deliveryId}");
        Assert.Equal(deliveryId, package.DeliveryId);
        var status = await host.GetJsonAsync<DeliveryStatus>($"/api/deliveries/{deliveryId}/status");
        Assert.Equal(delivery.DroneId, status.DroneId);
    }

    [Fact]
    public async Task APublicView_ShowsNoOwner()
    {
        using var accepted = await host.Http.PostAsync("/api/deliveryrequests", new StringContent(SampleRequests.Json(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var deliveryId = LocalHostFixture.ReadJson(accepted).GetProperty("deliveryId").GetString()!;

        using var response = await host.PollAsync($"/api/deliveries/public/{deliveryId}", r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(5));

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("owner", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUnknownDelivery_Is404ProblemDetails()
    {
        using var response = await host.Http.GetAsync("/api/deliveries/does-not-exist", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheReadinessProbe_ChecksTheStores()
    {
        using var response = await host.Http.GetAsync("/api/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", LocalHostFixture.ReadJson(response).GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }
}
