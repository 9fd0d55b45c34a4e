using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host with every fifth HTTP call between its services answered 503 before it leaves
/// the caller (20% transient faults on every downstream call: package, drone scheduler, delivery,
/// and the simulated drones' reports).
/// </summary>
public sealed class FaultyNetworkFixture : LocalHostFixture
{
    public int FaultsInjected => _faults.Injected;

    private readonly FaultCounter _faults = new();

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new EveryFifthCallFails(_faults)));

    private sealed class FaultCounter
    {
        private int _calls;
        private int _injected;

        public int Injected => Volatile.Read(ref _injected);

        public bool NextFails()
        {
            if (Interlocked.Increment(ref _calls) % 5 != 0)
            {
                return false;
            }

            Interlocked.Increment(ref _injected);
            return true;
        }
    }

    private sealed class EveryFifthCallFails(FaultCounter faults) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            faults.NextFails()
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("injected fault") })
                : base.SendAsync(request, cancellationToken);
    }
}
