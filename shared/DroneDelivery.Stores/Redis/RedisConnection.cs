using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Redis;

/// <summary>
/// The one Redis connection of a process (the delivery store and ingestion's idempotency keys
/// share it in the local host). It never waits for a connection that is down: commands fail at
/// once (<see cref="BacklogPolicy.FailFast"/>) or after <see cref="RedisOptions.OperationTimeout"/>,
/// and the callers turn that into 503 + Retry-After or a retry. With <c>Redis__Authentication=EntraId</c>
/// it signs in with Microsoft Entra ID (<see cref="EntraIdAuthentication"/>) instead of the connection string's password.
/// </summary>
public static class RedisConnection
{
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(service => service.ServiceType == typeof(IConnectionMultiplexer)))
        {
            return services;
        }

        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        services.AddSingleton<IConnectionMultiplexer>(provider => Connect(provider, provider.GetRequiredService<IOptions<RedisOptions>>().Value));
        // Redis__Authentication=EntraId: the app's credential if it registers one, else workload identity / developer sign-in.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton<EntraIdAuthentication>();
        services.AddHostedService<EntraIdStartup>();
        return services;
    }

    private static IConnectionMultiplexer Connect(IServiceProvider provider, RedisOptions settings) =>
        settings.Authentication == RedisAuthentication.EntraId
            ? provider.GetRequiredService<EntraIdAuthentication>().Connect(Options(settings))
            : ConnectionMultiplexer.Connect(Options(settings));

    public static ConfigurationOptions Options(RedisOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException("Set Redis__ConnectionString (the local host starts an embedded Garnet and sets it).");
        }

        var options = ConfigurationOptions.Parse(settings.ConnectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = (int)settings.ConnectTimeout.TotalMilliseconds;
        options.SyncTimeout = (int)settings.OperationTimeout.TotalMilliseconds;
        options.AsyncTimeout = (int)settings.OperationTimeout.TotalMilliseconds;
        options.ConnectRetry = 1;
        return options;
    }

    /// <summary>True for the failures an outage causes: no connection, or no answer in time.</summary>
    public static bool IsOutage(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException;
}
