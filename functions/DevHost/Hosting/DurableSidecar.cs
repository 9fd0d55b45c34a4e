using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The Durable gRPC sidecar (the package's public <see cref="TaskHubGrpcServer"/>) over the local host's
/// backend (<see cref="InMemoryDurableBackend"/> or <see cref="AzureStorageDurableBackend"/>), on an in-memory server: the Durable worker and client of the
/// local host reach it through <see cref="Channel"/>, whose handler hands each call to the server
/// without a socket (two gRPC messages per work item, several work items per delivery: over loopback
/// HTTP/2 their sockets were a large part of a delivery's CPU). It is registered before the worker
/// and client, so it starts first.
/// </summary>
public sealed class DurableSidecar : IHostedService, IAsyncDisposable
{
    /// <summary>The gRPC service's path prefix (its requests are the backend's plumbing, not traced).</summary>
    public const string ServicePath = "/TaskHubSidecarService";

    private readonly WebApplication _app;
    private readonly IDurableBackendService _backend;
    private readonly InMemoryServerHandler _handler;

    public DurableSidecar(InMemoryDurableBackend backend)
        : this(backend.Service)
    {
    }

    public DurableSidecar(IDurableBackendService backend)
    {
        _backend = backend;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        // A failed call names its cause (e.g. the storage account it could not reach): the Durable client's caller logs it,
        // and a queue message it fails carries it into the dead-letter queue as the reason an operator reads.
        builder.Services.AddGrpc(options => options.EnableDetailedErrors = true);
        builder.Services.AddSingleton<IOrchestrationService>(backend);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(backend);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _app = builder.Build();
        _app.MapGrpcService<TaskHubGrpcServer>();
        _handler = new InMemoryServerHandler();
        Channel = GrpcChannel.ForAddress("http://durable-sidecar", new GrpcChannelOptions { HttpHandler = _handler, DisposeHttpClient = true });
    }

    /// <summary>The channel the Durable worker and client call the sidecar on.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Creates the task hub if it is missing (Azure Storage: queues, tables, containers), then serves.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _backend.CreateIfNotExistsAsync();
        await _app.StartAsync(cancellationToken);
        _handler.Serve(_app.GetTestServer());
    }

    /// <summary>
    /// Stops serving, then stops the backend and waits for it: the sidecar's own stop does not wait, and an Azure
    /// Storage backend that is not stopped keeps its partitions' leases until they expire, so the next worker on
    /// the task hub would wait that long for them.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _app.StopAsync(cancellationToken);
        await _backend.StopAsync(isForced: false);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// Sends each request straight into the in-memory server; a call made before the server has started (a caller that
    /// started earlier) waits for it rather than failing.
    /// </summary>
    private sealed class InMemoryServerHandler : HttpMessageHandler
    {
        private readonly TaskCompletionSource<HttpMessageInvoker> _server = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Serve(TestServer server) => _server.TrySetResult(new HttpMessageInvoker(server.CreateHandler(), disposeHandler: true));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var server = await _server.Task.WaitAsync(cancellationToken);
            return await server.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _server.Task.IsCompletedSuccessfully)
            {
                _server.Task.Result.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
