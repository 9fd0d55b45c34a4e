using System.Net;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.Packages.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>The local host with stores that throw a programming error: what a client sees of a 500.</summary>
public sealed class ThrowingStoresHostFixture : LocalHostFixture
{
    public const string Internals = "internal detail: connection to db-7 refused";

    protected override void Configure(WebApplicationBuilder builder)
    {
        var packages = Substitute.For<IPackageRepository>();
        packages.GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Throws(new InvalidOperationException(Internals));
        var deliveries = Substitute.For<IDeliveryRepository>();
        deliveries.GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Throws(new InvalidOperationException(Internals));
        builder.Services.AddSingleton(packages);
        builder.Services.AddSingleton(deliveries);
    }
}

/// <summary>
/// A function that throws, through the local host (a Development host, which would add the
/// developer exception page): the answer is problem details without the exception, its stack
/// trace or the request's headers — the bearer token and the function key stay with the client.
/// </summary>
public sealed class ErrorAnswerTests(ThrowingStoresHostFixture host) : IClassFixture<ThrowingStoresHostFixture>
{
    [Theory]
    [InlineData("/api/packages/package-1", "Packages")]
    [InlineData("/api/deliveries/delivery-1", "Deliveries")]
    public async Task FunctionThatThrows_IsA500Problem_WithoutStackTraceHeadersOrSecrets(string path, string app)
    {
        var token = host.TokenFor("owner-1");
        var key = host.KeyFor(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("x-functions-key", key);
        request.Headers.Add("Cookie", "session=cookie-secret-value");

        using var response = await host.Bare.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, LocalHostFixture.ReadJson(response).GetProperty("status").GetInt32());
        foreach (var secret in new[] { token, key, "cookie-secret-value", ThrowingStoresHostFixture.Internals, "InvalidOperationException", "   at ", "Authorization", "x-functions-key", ".cs:line" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }
}
