using DroneDelivery.Platform.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.Platform.Clients;

public static class ClientsExtensions
{
    /// <summary>
    /// Typed clients for package, drone scheduler and delivery, each with the standard resilience
    /// pipeline of its own (retries with backoff honouring Retry-After, per-attempt and total timeouts,
    /// a circuit breaker per downstream service), configured per service (<see cref="DownstreamResilience"/>),
    /// and the downstream app's function key when one is configured
    /// (<c>Services__PackageKey</c>, <c>Services__DroneSchedulerKey</c>, <c>Services__DeliveryKey</c>).
    /// </summary>
    public static IServiceCollection AddDownstreamServiceClients(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPackageServiceClient(configuration)
            .AddDroneSchedulerClient(configuration)
            .AddDeliveryServiceClient(configuration);

    public static IServiceCollection AddPackageServiceClient(this IServiceCollection services, IConfiguration configuration)
    {
        var url = Require(configuration, nameof(ServiceEndpoints.PackageUrl));
        services.AddHttpClient<IPackageServiceClient, PackageServiceClient>(http => http.BaseAddress = url)
            .AddDownstreamResilience(configuration, PackageServiceClient.Name)
            .AddFunctionKey(configuration, nameof(ServiceEndpoints.PackageKey));
        return services;
    }

    public static IServiceCollection AddDroneSchedulerClient(this IServiceCollection services, IConfiguration configuration)
    {
        var url = Require(configuration, nameof(ServiceEndpoints.DroneSchedulerUrl));
        services.AddHttpClient<IDroneSchedulerClient, DroneSchedulerClient>(http => http.BaseAddress = url)
            .AddDownstreamResilience(configuration, DroneSchedulerClient.Name)
            .AddFunctionKey(configuration, nameof(ServiceEndpoints.DroneSchedulerKey));
        return services;
    }

    public static IServiceCollection AddDeliveryServiceClient(this IServiceCollection services, IConfiguration configuration)
    {
        var url = Require(configuration, nameof(ServiceEndpoints.DeliveryUrl));
        services.AddHttpClient<IDeliveryServiceClient, DeliveryServiceClient>(http => http.BaseAddress = url)
            .AddDownstreamResilience(configuration, DeliveryServiceClient.Name)
            .AddFunctionKey(configuration, nameof(ServiceEndpoints.DeliveryKey));
        return services;
    }

    /// <summary>Adds the key handler to the typed client's pipeline, inside the resilience handler, so every attempt carries it.</summary>
    private static void AddFunctionKey(this IHttpClientBuilder client, IConfiguration configuration, string setting)
    {
        var key = configuration[$"{ServiceEndpoints.Section}:{setting}"];
        if (!string.IsNullOrWhiteSpace(key))
        {
            client.AddHttpMessageHandler(() => new FunctionKeyHandler(key));
        }
    }

    private static Uri Require(IConfiguration configuration, string setting) =>
        Uri.TryCreate(configuration[$"{ServiceEndpoints.Section}:{setting}"], UriKind.Absolute, out var url)
            ? url
            : throw new InvalidOperationException($"Set {ServiceEndpoints.Section}__{setting} to the service's base URL.");
}
