using System.Net;
using System.Net.Http.Json;
using System.Text;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Security;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// <c>GET /api/deliveries</c> through the local host (simulator off, so stages stay put): a
/// customer's own deliveries, newest first across pages, by stage, never another owner's; an admin
/// may name the owner.
/// </summary>
public sealed class MyDeliveriesTests(QuietFleetFixture host) : IClassFixture<QuietFleetFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _owner = "lister-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _neighbour = "neighbour-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TheList_ShowsTheCallersDeliveriesNewestFirstAcrossPages_ByStage_AndNeverAnotherOwners()
    {
        var mine = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // One after the other, each recorded before the next is asked for: the list's order is the order of creation.
            mine.Add(await RecordedDeliveryAsync(_owner));
        }

        var theirs = await RecordedDeliveryAsync(_neighbour);
        using var cancel = await SendAsync(HttpMethod.Delete, $"/api/deliveryrequests/{mine[1]}", _owner);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await host.WaitForStageAsync(mine[1], DeliveryStage.Cancelled, Patience, host.TokenFor(_owner));

        var pages = new List<DeliveryList>();
        string? token = null;
        do
        {
            var page = await ListAsync(_owner, $"?top=2{(token is null ? string.Empty : $"&continuationToken={Uri.EscapeDataString(token)}")}");
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var listed = pages.SelectMany(page => page.Items).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Equal(Enumerable.Reverse(mine), listed.Select(item => item.Id));
        Assert.Equal(listed.OrderByDescending(item => item.CreatedAt).Select(item => item.Id), listed.Select(item => item.Id));
        Assert.DoesNotContain(theirs, listed.Select(item => item.Id));
        Assert.Equal([mine[1]], (await ListAsync(_owner, "?stage=Cancelled")).Items.Select(item => item.Id));
        Assert.Equal(
            mine.Where(id => id != mine[1]).Reverse(),
            (await ListAsync(_owner, "?stage=HeadedToPickup")).Items.Select(item => item.Id));
        Assert.Equal([theirs], (await ListAsync(_neighbour, string.Empty)).Items.Select(item => item.Id));
    }

    [Fact]
    public async Task AnotherOwnersList_Is403ForACustomer_AndTheirsForAnAdmin()
    {
        var theirs = await RecordedDeliveryAsync(_neighbour);

        using var asCustomer = await SendAsync(HttpMethod.Get, $"/api/deliveries?ownerId={_neighbour}", _owner);
        using var asAdmin = await SendAsync(HttpMethod.Get, $"/api/deliveries?ownerId={_neighbour}", "support-1", DeliveryRoles.Admin);

        Assert.Equal(HttpStatusCode.Forbidden, asCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        var list = (await asAdmin.Content.ReadFromJsonAsync<DeliveryList>(ContractJson.Options, TestContext.Current.CancellationToken))!;
        Assert.Equal([theirs], list.Items.Select(item => item.Id));
    }

    [Theory]
    [InlineData("?stage=Delivered", "stage")]
    [InlineData("?top=500", "top")]
    [InlineData("?continuationToken=forged", "continuationToken")]
    public async Task ABadQuery_Is400NamingTheParameter(string query, string parameter)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/deliveries{query}", _owner);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(LocalHostFixture.ReadJson(response).GetProperty("errors").TryGetProperty(parameter, out _));
    }

    /// <summary>Requests a delivery for <paramref name="owner"/>, signed in as that owner, and waits until its record is written (HeadedToPickup: the simulator is off).</summary>
    private async Task<string> RecordedDeliveryAsync(string owner)
    {
        using var accepted = await SendAsync(HttpMethod.Post, "/api/deliveryrequests", owner, body: SampleRequests.Json(owner: owner));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var deliveryId = LocalHostFixture.ReadJson(accepted).GetProperty("deliveryId").GetString()!;
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, Patience, host.TokenFor(owner));
        return deliveryId;
    }

    private async Task<DeliveryList> ListAsync(string owner, string query)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/deliveries{query}", owner);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DeliveryList>(ContractJson.Options, TestContext.Current.CancellationToken))!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string caller, string? role = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", role is null ? host.TokenFor(caller) : host.TokenFor(caller, role));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await host.Bare.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
