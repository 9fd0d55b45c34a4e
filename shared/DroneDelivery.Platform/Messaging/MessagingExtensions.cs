using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DroneDelivery.Platform.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Registers the Service Bus sender for the delivery queue. Reads the same settings the
    /// Functions trigger reads: <c>ServiceBusConnection</c> (a connection string, e.g. the emulator)
    /// or <c>ServiceBusConnection__fullyQualifiedNamespace</c> (workload identity).
    /// </summary>
    public static IServiceCollection AddServiceBusQueueSender(this IServiceCollection services, IConfiguration configuration)
    {
        AddServiceBusClient(services, configuration);
        services.AddSingleton(provider => provider.GetRequiredService<ServiceBusClient>().CreateSender(QueueNames.DeliveryRequests));
        services.AddSingleton<IQueueSender, ServiceBusQueueSender>();
        return services;
    }

    /// <summary>The delivery queue's dead letters on Service Bus (<see cref="ServiceBusDeadLetters"/>), with the same settings.</summary>
    public static IServiceCollection AddServiceBusDeadLetters(this IServiceCollection services, IConfiguration configuration)
    {
        AddServiceBusClient(services, configuration);
        services.AddSingleton<IDeadLetters, ServiceBusDeadLetters>();
        return services;
    }

    private static void AddServiceBusClient(IServiceCollection services, IConfiguration configuration)
    {
        // Identity auth: the app's credential if it registers one, else workload identity / developer sign-in.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton(provider => CreateClient(provider, configuration));
    }

    private static ServiceBusClient CreateClient(IServiceProvider provider, IConfiguration configuration)
    {
        var connectionString = configuration[QueueNames.ConnectionSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new ServiceBusClient(connectionString);
        }

        var fullyQualifiedNamespace = configuration[$"{QueueNames.ConnectionSetting}:fullyQualifiedNamespace"];
        if (string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            throw new InvalidOperationException(
                $"Set {QueueNames.ConnectionSetting}__fullyQualifiedNamespace (or a {QueueNames.ConnectionSetting} connection string).");
        }

        return new ServiceBusClient(fullyQualifiedNamespace, provider.GetRequiredService<TokenCredential>());
    }
}
