using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.EndToEnd;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>What the webhook tests ask of the local host as a customer, and read from what a receiver got.</summary>
public static class WebhookCalls
{
    /// <summary>Subscribes <paramref name="url"/> to every event (201 expected); returns the answer with the secret.</summary>
    public static async Task<WebhookCreated> RegisterAsync(HttpClient customer, string url)
    {
        using var response = await customer.PostAsJsonAsync("/api/webhooks", new { url });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<WebhookCreated>(ContractJson.Options))!;
    }

    /// <summary>Requests a delivery for <paramref name="owner"/> (the client is that owner or a partner); returns its id.</summary>
    public static async Task<string> RequestDeliveryAsync(HttpClient client, string owner)
    {
        using var response = await client.PostAsync("/api/deliveryrequests", new StringContent(SampleRequests.Json(owner: owner), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return LocalHostFixture.ReadJson(response).GetProperty("deliveryId").GetString()!;
    }

    /// <summary>A CloudEvent attribute of a received body (<c>type</c>, <c>subject</c>, …).</summary>
    public static string Attribute(string body, string name) => JsonDocument.Parse(body).RootElement.GetProperty(name).GetString()!;
}
