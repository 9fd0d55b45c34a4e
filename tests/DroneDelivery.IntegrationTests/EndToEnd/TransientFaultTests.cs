using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>Transient faults on the HTTP calls between services are retried away: deliveries still complete.</summary>
public sealed class TransientFaultTests(FaultyNetworkFixture host, ITestOutputHelper output) : IClassFixture<FaultyNetworkFixture>
{
    [Fact]
    public async Task WithEveryFifthServiceCallFailing_TwentyDeliveriesStillComplete()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.RequestDeliveryAsync(SampleRequests.Json())));

        foreach (var id in ids)
        {
            await host.WaitForStageAsync(id, DeliveryStage.Completed, TimeSpan.FromSeconds(90));
        }

        output.WriteLine($"20 deliveries completed with {host.FaultsInjected} injected 503s");
        Assert.True(host.FaultsInjected >= 20, $"only {host.FaultsInjected} faults were injected");

        // The drone is released right after the delivery is marked Completed, through the same faulty network.
        var held = new List<Drone>();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            held = (await host.GetJsonAsync<List<Drone>>("/api/drones")).Where(drone => drone.DeliveryId is not null && ids.Contains(drone.DeliveryId)).ToList();
            if (held.Count == 0)
            {
                break;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Empty(held);
    }
}
