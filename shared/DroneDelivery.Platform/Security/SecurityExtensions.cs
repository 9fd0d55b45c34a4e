using DroneDelivery.Platform.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.Platform.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// Bearer-token authentication of customers (configuration section <c>Auth</c>), for the apps with
    /// customer endpoints, and its two policies for <see cref="AuthenticateAttribute"/>
    /// (<see cref="CallerPolicies.Customer"/>, <see cref="CallerPolicies.Admin"/>). Without an issuer and an audience the app does not start: it could
    /// accept no token at all.
    /// </summary>
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var (setting, meaning) in new[] { (nameof(AuthOptions.Issuer), "iss"), (nameof(AuthOptions.Audience), "aud") })
        {
            if (string.IsNullOrWhiteSpace(configuration[$"{AuthOptions.Section}:{setting}"]))
            {
                throw new InvalidOperationException($"Set {AuthOptions.Section}__{setting}: the {meaning} every customer bearer token must carry.");
            }
        }

        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<BearerTokenValidator>();
        services.AddSingleton<CallerAuthentication>();
        services.AddFunctionAuthenticator<CustomerAuthenticator>();
        services.AddFunctionAuthenticator<AdminAuthenticator>();
        return services;
    }
}
