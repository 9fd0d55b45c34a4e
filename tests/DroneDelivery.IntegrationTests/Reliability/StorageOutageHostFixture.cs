using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// The local host on the production Durable backend (Azure Storage, on the test run's Azurite, a task hub of its own)
/// reached through a network a test can cut (<see cref="TcpLink"/>, one per storage service): a real outage of the
/// Durable task hub's storage account, and its end, with nothing in the host switched. Messages get 3 deliveries, so a
/// request sent during the outage reaches the dead-letter queue in seconds rather than after Service Bus's 10.
/// </summary>
public sealed class StorageOutageHostFixture : LocalHostFixture, IAsyncLifetime
{
    public const int MaxDeliveryCount = 3;

    private readonly string _hub = TestAzurite.NewHubName("outage");
    private TcpLink[] _links = [];

    protected override string[] Settings =>
    [
        "--Durable:Backend", nameof(DurableBackendKind.AzureStorage),
        "--Durable:HubName", _hub,
        $"--{DurableBackendExtensions.StorageConnectionSetting}", ConnectionString(),
        "--LocalQueue:MaxDeliveryCount", MaxDeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>The host's log lines (the audit of a replay is one).</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Connections to the storage account reset while it was cut off.</summary>
    public int StorageConnectionsRefused => _links.Sum(link => link.Refused);

    /// <summary>The storage account becomes unreachable from the host.</summary>
    public void CutStorage()
    {
        foreach (var link in _links)
        {
            link.Cut();
        }
    }

    /// <summary>The storage account is reachable again.</summary>
    public void RestoreStorage()
    {
        foreach (var link in _links)
        {
            link.Restore();
        }
    }

    protected override void Configure(WebApplicationBuilder builder) => builder.Logging.AddProvider(Logs);

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        var azurite = TestAzurite.Instance;
        _links = [new TcpLink(azurite.BlobPort), new TcpLink(azurite.QueuePort), new TcpLink(azurite.TablePort)];
        await InitializeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        foreach (var link in _links)
        {
            await link.DisposeAsync();
        }
    }

    private string ConnectionString() =>
        $"DefaultEndpointsProtocol=http;AccountName={Azurite.AccountName};AccountKey={Azurite.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_links[0].Port}/{Azurite.AccountName};QueueEndpoint=http://127.0.0.1:{_links[1].Port}/{Azurite.AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{_links[2].Port}/{Azurite.AccountName};";
}
