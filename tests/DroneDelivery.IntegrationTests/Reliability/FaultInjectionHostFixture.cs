using System.Net;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Packages.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// The local host under fault injection: 20% of all calls between services (package, drone
/// scheduler, delivery, the drones' reports) answered 503 before they leave the caller, and each
/// store — Redis (delivery records and tracking), the package store, the drone store — behind a
/// switch that takes it down. A large, fast fleet so 2,000 deliveries finish in minutes; every
/// accepted drone write is recorded to check that no drone ever carries two deliveries.
/// </summary>
public sealed class FaultInjectionHostFixture : LocalHostFixture
{
    public const string Redis = "redis";
    public const string PackageStore = "package store";
    public const string DroneStore = "drone store";

    public FaultSwitchboard Faults { get; } = new(transientRate: 0.2);

    public DroneAssignmentLedger Ledger { get; } = new();

    protected override string[] Settings =>
    [
        "--Fleet:Size", "400",
        "--Drones:TimeScale", "3000",
        "--Simulator:Tick", "00:00:01",
        "--LocalQueue:MaxConcurrentCalls", "32",
        "--Logging:LogLevel:Default", "Critical",
    ];

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new TransientFaults(Faults)));
        builder.Services.Decorate<IDeliveryRepository>(inner => StoreOutageProxy<IDeliveryRepository>.Wrap(inner, Faults, Redis, RedisOutage));
        builder.Services.Decorate<ITrackingRepository>(inner => StoreOutageProxy<ITrackingRepository>.Wrap(inner, Faults, Redis, RedisOutage));
        builder.Services.Decorate<IPackageRepository>(inner => StoreOutageProxy<IPackageRepository>.Wrap(inner, Faults, PackageStore, () => new TimeoutException("injected outage of the package store")));
        builder.Services.Decorate<IDroneRepository>(inner => StoreOutageProxy<IDroneRepository>.Wrap(Ledger.Watch(inner), Faults, DroneStore, () => new TimeoutException("injected outage of the drone store")));
    }

    private static Exception RedisOutage() => new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "injected Redis outage", null, CommandStatus.Unknown);

    private sealed class TransientFaults(FaultSwitchboard faults) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            faults.NextCallFails()
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("injected fault") })
                : base.SendAsync(request, cancellationToken);
    }
}
