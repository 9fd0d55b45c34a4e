using DroneDelivery.DevHost.Hosting;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Logging.Abstractions;

namespace DroneDelivery.IntegrationTests.Hosting;

/// <summary>
/// The local host's Durable sidecar over the in-memory backend: a caller that starts before it (the queue's messages
/// kept from a previous run) is served once it has started, not failed.
/// </summary>
public sealed class DurableSidecarTests
{
    [Fact]
    public async Task ACallMadeBeforeTheSidecarServes_WaitsForIt_AndIsAnsweredOnceItHasStarted()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var backend = InMemoryDurableBackend.Create(maxConcurrentWorkItems: 10);
        var sidecar = new DurableSidecar(backend);
        await using (sidecar)
        {
            await using var client = new GrpcDurableTaskClient("early-caller", new GrpcDurableTaskClientOptions { Channel = sidecar.Channel }, NullLogger.Instance);

            var early = client.GetInstanceAsync("not-started-yet", cancellation);
            await Task.Delay(300, cancellation);
            Assert.False(early.IsCompleted, "the call was answered before the sidecar served");

            await sidecar.StartAsync(cancellation);
            Assert.Null(await early.WaitAsync(TimeSpan.FromSeconds(10), cancellation));
            await sidecar.StopAsync(cancellation);
        }
    }
}
