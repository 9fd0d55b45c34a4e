using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>Every kind of bad input gets 400 problem details naming the field, and nothing reaches the queue.</summary>
public sealed class BadInputTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static string With(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(SampleRequests.Json())!.AsObject();
        change(json);
        return json.ToJsonString();
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "malformed JSON", "{\"ownerId\": \"owner-1\",", "body" },
        { "empty body", string.Empty, "body" },
        { "missing ownerId", With(json => json.Remove("ownerId")), "ownerId" },
        { "free-text address", With(json => json["pickupLocation"] = "1 Microsoft Way, Redmond, WA"), "pickupLocation" },
        { "latitude out of range", With(json => json["dropOffLocation"] = "123.4,-122.2"), "dropOffLocation.latitude" },
        { "unknown size", With(json => json["packageInfo"]!["size"] = "Huge"), "packageInfo.size" },
        { "unknown confirmation", With(json => json["confirmationRequired"] = "Retina"), "confirmationRequired" },
        { "deadline before pickup", With(json => json["deadline"] = DateTimeOffset.UtcNow.AddMinutes(2).ToString("O")), "deadline" },
        { "weight not positive", With(json => json["packageInfo"]!["weight"] = 0), "packageInfo.weight" },
        { "wrong type", With(json => json["expedited"] = "yes"), "expedited" },
        { "oversized body", With(json => json["packageInfo"]!["tag"] = new string('x', 20_000)), "body" },
        { "missing package", With(json => json.Remove("packageInfo")), "packageInfo" },
        { "unsafe owner id", With(json => json["ownerId"] = "../../etc/passwd"), "ownerId" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ABadRequest_Gets400NamingTheField_AndSendsNothing(string kind, string body, string field)
    {
        var sentBefore = host.Queue.Sent;

        using var response = await host.Http.PostAsync("/api/deliveryrequests", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = LocalHostFixture.ReadJson(response).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{kind}: expected an error for '{field}' in {errors}");
        Assert.Equal(sentBefore, host.Queue.Sent);
    }
}
