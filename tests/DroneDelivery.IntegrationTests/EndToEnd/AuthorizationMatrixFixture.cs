using System.Net;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host with deliveries of <see cref="SampleRequests.Owner"/> whose records exist, for the authorization matrix.</summary>
public sealed class AuthorizationMatrixFixture : LocalHostFixture
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _shared;
    private string? _droneAuthorization;

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
