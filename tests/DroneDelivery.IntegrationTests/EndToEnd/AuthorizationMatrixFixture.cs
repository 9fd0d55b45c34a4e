using System.Net;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host with deliveries of <see cref="SampleRequests.Owner"/> whose records exist, for the authorization matrix.</summary>
public sealed class AuthorizationMatrixFixture : LocalHostFixture
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _shared;
    private string? _droneAuthorization;
    private string? _webhook;

    /// <summary>A webhook body the local host takes (loopback http) whose port nothing listens on: its events go nowhere.</summary>
    public const string WebhookBody = """{"url":"http://127.0.0.1:9/hooks"}""";

    /// <summary>A delivery the matrix only reads (created once).</summary>
    public async Task<string> SharedDeliveryAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _shared ??= await RecordedDeliveryAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A webhook of the owner the matrix only reads (created once).</summary>
    public async Task<string> SharedWebhookAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _webhook ??= await NewWebhookAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new webhook of the owner (for a route that deletes it).</summary>
    public async Task<string> NewWebhookAsync() =>
        (await WebhookCalls.RegisterAsync(Http, "http://127.0.0.1:9/hooks")).Id;

    /// <summary>The <c>Authorization</c> value of a drone of the fleet (a credential issued once).</summary>
    public async Task<string> DroneAuthorizationAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _droneAuthorization ??= (await IssueDroneCredentialAsync("drone-0048")).AuthorizationValue;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new delivery whose record the delivery service has written (so owner checks can be made on it).</summary>
    public async Task<string> RecordedDeliveryAsync()
    {
        var id = await RequestDeliveryAsync(SampleRequests.Json());
        using var found = await PollAsync($"/api/deliveries/{id}", response => response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        return id;
    }
}
