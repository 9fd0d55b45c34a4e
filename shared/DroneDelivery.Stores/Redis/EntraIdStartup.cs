using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Redis;

/// <summary>
/// With <c>Redis__Authentication=EntraId</c>, connects when the host starts: a credential that
/// cannot get a token stops the app at start-up with that reason, instead of every Redis call and
/// the readiness probe failing later with a connection error. Otherwise the connection stays lazy.
/// </summary>
internal sealed class EntraIdStartup(IServiceProvider services, IOptions<RedisOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Authentication == RedisAuthentication.EntraId)
        {
            services.GetRequiredService<IConnectionMultiplexer>();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
