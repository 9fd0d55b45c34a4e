using Azure.Core;
using Azure.Identity;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Stores.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>Where an app without a usable identity stops: at start, with the reason, not on every Redis call later.</summary>
public sealed class RedisEntraIdStartupTests
{
    [Fact]
    public async Task Start_WithEntraIdAndACredentialThatCannotGetAToken_FailsNamingTheCredentialAndTheScope()
    {
        var credential = new NoIdentityCredential();
        using var host = Host(credential, nameof(RedisAuthentication.EntraId));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith(
            $"Redis: could not get a Microsoft Entra token for https://redis.azure.com/.default with {nameof(NoIdentityCredential)}: {NoIdentityCredential.Reason}",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("Redis__Authentication=EntraId needs a workload identity", error.Message, StringComparison.Ordinal);
        Assert.IsType<CredentialUnavailableException>(error.InnerException);
        Assert.Equal(1, credential.Requests);
    }

    [Fact]
    public async Task Start_WithoutEntraId_NeitherAsksForATokenNorConnects()
    {
        var credential = new NoIdentityCredential();
        using var host = Host(credential, authentication: null);

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, credential.Requests);
    }

    private static IHost Host(TokenCredential credential, string? authentication)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Nothing listens there: with Entra ID the start must fail on the token, before any connection attempt.
            ["Redis:ConnectionString"] = "127.0.0.1:1",
            ["Redis:Authentication"] = authentication,
        });
        builder.Services.AddSingleton(credential);
        builder.Services.AddDeliveryStore(builder.Configuration, "ready");
        return builder.Build();
    }

    /// <summary>What DefaultAzureCredential's parts throw in a pod without a workload identity.</summary>
    private sealed class NoIdentityCredential : TokenCredential
    {
        public const string Reason = "WorkloadIdentityCredential authentication unavailable. The workload options are not fully configured.";

        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            throw new CredentialUnavailableException(Reason);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
