using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.Platform.Clients;

public static class ClientsExtensions
{
    /// <summary>
    /// Typed clients for package, drone scheduler and delivery, each with the standard resilience
    /// pipeline of its own (retries with backoff honouring Retry-After, per-attempt and total timeouts,
    /// a circuit breaker per downstream service), configured per service (<see cref="DownstreamResilience"/>).
    /// </summary>
    public static IServiceCollection AddDownstreamServiceClients(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPackageServiceClient(configuration)
            .AddDroneSchedulerClient(configuration)
            .AddDeliveryServiceClient(configuration);

    public static IServiceCollection AddPackageServiceClient(this IServiceCollection services, IConfiguration configuration)
    {
        var url = Require(configuration, nameof(ServiceEndpoints.PackageUrl));
        services.AddHttpClient<IPackageServiceClient, PackageServiceClient>(http => http.BaseAddress = url).AddDownstreamResilience(configuration, PackageServiceClient.Name);
        return services;
    }

    public static IServiceCollection AddDroneSchedulerClient(this IServiceCollection services, IConfiguration configuration)
    {
        var url = Require(configuration, nameof(ServiceEndpoints.DroneSchedulerUrl));
        services.AddHttpClient<IDroneSchedulerClient, DroneSchedulerClient>(http => http.BaseAddress = url).AddDownstreamResilience(configuration, DroneSchedulerClient.Name);
        return services;
    }

    public static IServiceCollection AddDeliveryServiceClient(this IServiceCollection services, IConfiguration configuration)
    {
        var url = Require(configuration, nameof(ServiceEndpoints.DeliveryUrl));
        services.AddHttpClient<IDeliveryServiceClient, DeliveryServiceClient>(http => http.BaseAddress = url).AddDownstreamResilience(configuration, DeliveryServiceClient.Name);
        return services;
    }

    private static Uri Require(IConfiguration configuration, string setting) =>
        Uri.TryCreate(configuration[$"{ServiceEndpoints.Section}:{setting}"], UriKind.Absolute, out var url)
            ? url
            : throw new InvalidOperationException($"Set {ServiceEndpoints.Section}__{setting} to the service's base URL.");
}
