using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace DroneDelivery.Platform.Clients;

/// <summary>
/// The resilience pipeline of one downstream service's client: the defaults below, overridden by
/// configuration section <c>Resilience:{service}</c> (the shape of
/// <see cref="HttpStandardResilienceOptions"/>, e.g. <c>Resilience__package__AttemptTimeout__Timeout</c>).
/// Each client has its own pipeline, so each downstream has its own circuit breaker.
/// </summary>
public static class DownstreamResilience
{
    public const string Section = "Resilience";

    public static IHttpClientBuilder AddDownstreamResilience(this IHttpClientBuilder client, IConfiguration configuration, string service)
    {
        var section = configuration.GetSection($"{Section}:{service}");
        client.AddStandardResilienceHandler(options =>
        {
            Defaults(options);
            section.Bind(options);
        });
        return client;
    }

    /// <summary>
    /// Per attempt 10 s, 30 s in all; 3 retries from 500 ms, exponential with jitter, waiting as long
    /// as a 429/503's <c>Retry-After</c> asks; the circuit opens for 5 s when half of at least 20
    /// attempts in 30 s failed. (The library's 10% ratio opens on the noise of a busy system; the
    /// workflow's activity retries outlast a break.)
    /// </summary>
    public static void Defaults(HttpStandardResilienceOptions options)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.ShouldRetryAfterHeader = true;
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.MinimumThroughput = 20;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
    }
}
