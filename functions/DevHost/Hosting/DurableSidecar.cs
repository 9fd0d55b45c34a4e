using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The Durable gRPC sidecar (the package's public <see cref="TaskHubGrpcServer"/>) on its own slim HTTP/2
/// host on a loopback port, over <see cref="InMemoryDurableBackend"/>. The Durable worker and client of
/// the local host connect to <see cref="Address"/>; it is registered before them, so it starts first.
/// </summary>
public sealed class DurableSidecar(string address, InMemoryDurableBackend backend) : IHostedService, IAsyncDisposable
{
    /// <summary>The gRPC service's path prefix (its requests are the backend's plumbing, not traced).</summary>
    public const string ServicePath = "/TaskHubSidecarService";

    private WebApplication? _app;

    public string Address { get; } = address;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Address);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(backend.Service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(backend.Service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _app = builder.Build();
        _app.MapGrpcService<TaskHubGrpcServer>();
        await _app.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
