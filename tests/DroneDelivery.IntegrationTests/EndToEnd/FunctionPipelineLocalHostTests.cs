using System.Net;
using System.Text.Json;
using DroneDelivery.DevHost.Functions;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Packages.Stores;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host runs the apps' own <see cref="FunctionPipeline"/> in front of every HTTP function:
/// its container resolves each step the worker's does, its function context carries what the steps
/// read, and its HTTP path answers what the worker's pipeline answers (the unit tests' FunctionPipelineTests):
/// 401 without a token, 503 naming the store while a declared store is down.
/// </summary>
public sealed class FunctionPipelineLocalHostTests(FunctionPipelineLocalHostTests.BrokenPackageStoreHost host)
    : IClassFixture<FunctionPipelineLocalHostTests.BrokenPackageStoreHost>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void LocalHost_ResolvesEveryStepOfTheSharedPipeline()
    {
        Assert.All(FunctionPipeline.Steps, step => Assert.IsType(step, host.Services.GetRequiredService(step)));
    }

    [Fact]
    public void LocalFunctionContext_HoldsTheHttpContextWhereTheWorkersIntegrationKeepsIt()
    {
        var catalog = host.Services.GetRequiredService<FunctionCatalog>();
        var http = new DefaultHttpContext();
        var context = new LocalFunctionContext(catalog.Functions[0], host.Services, new Dictionary<string, object?>(), CancellationToken.None, http);

        Assert.Same(http, context.GetHttpContext());
    }

    [Fact]
    public async Task LocalHost_ACustomerRouteWithoutAToken_Answers401()
    {
        using var response = await host.Bare.GetAsync("/api/deliveries/delivery-1", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("Send a bearer token: Authorization: Bearer <token>.", await DetailAsync(response));
    }

    [Fact]
    public async Task LocalHost_AStoreOutage_Answers503NamingTheDeclaredStore()
    {
        using var response = await host.Http.GetAsync("/api/packages/package-1", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The package store is unavailable; try again shortly.", await DetailAsync(response));
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("detail").GetString();

    /// <summary>The local host with a package store that times out on every read.</summary>
    public sealed class BrokenPackageStoreHost : LocalHostFixture
    {
        protected override void Configure(WebApplicationBuilder builder) =>
            builder.Services.Decorate<IPackageRepository>(_ =>
            {
                var broken = Substitute.For<IPackageRepository>();
                broken.GetAsync(default!, default).ThrowsAsyncForAnyArgs(new TimeoutException("the package store does not answer"));
                return broken;
            });
    }
}
