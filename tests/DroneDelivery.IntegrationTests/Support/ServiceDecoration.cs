using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.IntegrationTests.Support;

public static class ServiceDecoration
{
    /// <summary>Replaces the last registration of <typeparamref name="TService"/> with <paramref name="decorate"/> around it.</summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, TService> decorate)
        where TService : class
    {
        var registration = services.Last(service => service.ServiceType == typeof(TService));
        services.Remove(registration);
        services.Add(new ServiceDescriptor(typeof(TService), provider => decorate(Create<TService>(provider, registration)), registration.Lifetime));
        return services;
    }

    private static TService Create<TService>(IServiceProvider provider, ServiceDescriptor registration)
        where TService : class =>
        (TService)(registration.ImplementationInstance
            ?? registration.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registration.ImplementationType!));
}
