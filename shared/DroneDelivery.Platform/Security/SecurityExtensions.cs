using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.Platform.Security;

public static class SecurityExtensions
{
    /// <summary>Bearer-token authentication of customers (configuration section <c>Auth</c>), for the apps with customer endpoints.</summary>
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<BearerTokenValidator>();
        services.AddSingleton<CallerAuthentication>();
        return services;
    }
}
