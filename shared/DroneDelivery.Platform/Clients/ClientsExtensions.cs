using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.Platform.Clients;

public static class ClientsExtensions
{
    /// <summary>Typed clients for package, drone scheduler and delivery; resilience comes from the service defaults.</summary>
    public static IServiceCollection AddDownstreamServiceClients(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(ServiceEndpoints.Section).Get<ServiceEndpoints>() ?? new ServiceEndpoints();
        services.AddHttpClient<IPackageServiceClient, PackageServiceClient>(http => http.BaseAddress = Require(endpoints.PackageUrl, nameof(endpoints.PackageUrl)));
        services.AddHttpClient<IDroneSchedulerClient, DroneSchedulerClient>(http => http.BaseAddress = Require(endpoints.DroneSchedulerUrl, nameof(endpoints.DroneSchedulerUrl)));
        services.AddHttpClient<IDeliveryServiceClient, DeliveryServiceClient>(http => http.BaseAddress = Require(endpoints.DeliveryUrl, nameof(endpoints.DeliveryUrl)));
        return services;
    }

    private static Uri Require(Uri? url, string setting) =>
        url ?? throw new InvalidOperationException($"Set {ServiceEndpoints.Section}__{setting} to the service's base URL.");
}
