using System.Net.Http.Headers;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// Customers choose package ids freely: one customer's id (even the longest one) never fails or
/// reveals another customer's delivery, whoever used it first.
/// </summary>
public sealed class PackageIdScopeTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Theory]
    [InlineData("shared-package-1")]
    [InlineData("p:0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123")]
    public async Task TwoCustomersWithTheSamePackageId_BothDeliveriesGetADrone(string packageId)
    {
        var first = await RequestAsync("owner-a", packageId);
        var second = await RequestAsync("owner-b", packageId);

        foreach (var (owner, deliveryId) in new[] { ("owner-a", first), ("owner-b", second) })
        {
            var status = await WaitUntilUnderwayAsync(owner, deliveryId);
            Assert.True(status.Stage is DeliveryStage.HeadedToPickup or DeliveryStage.HeadedToDropoff or DeliveryStage.Completed,
                $"{owner}'s delivery {deliveryId} is {status.Stage}: {status.FailureReason}");
        }
    }

    private HttpClient ClientFor(string owner)
    {
        var client = new HttpClient { BaseAddress = host.Bare.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor(owner));
        return client;
    }

    private async Task<string> RequestAsync(string owner, string packageId)
    {
        using var client = ClientFor(owner);
        using var response = await client.PostAsync("/api/deliveryrequests",
            new StringContent(SampleRequests.Json(packageId, owner), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return LocalHostFixture.ReadJson(response).GetProperty("deliveryId").GetString()!;
    }

    private async Task<DeliveryStatus> WaitUntilUnderwayAsync(string owner, string deliveryId)
    {
        using var client = ClientFor(owner);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync($"/api/deliveries/{deliveryId}/status", TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var status = (await response.Content.ReadFromJsonAsync<DeliveryStatus>(ContractJson.Options, TestContext.Current.CancellationToken))!;
                if (status.Stage is not (DeliveryStage.Created or DeliveryStage.Rescheduled) || DateTime.UtcNow > deadline)
                {
                    return status;
                }
            }
            else
            {
                Assert.True(DateTime.UtcNow < deadline, $"delivery {deliveryId} has no status ({(int)response.StatusCode})");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
