using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DroneDelivery.Stores.Embedded;

internal static class EmbeddedExtensions
{
    public static void AddEmbeddedDatabases(this IServiceCollection services, IConfiguration configuration)
    {
        var directory = configuration[$"{EmbeddedDatabases.Section}:DataDirectory"];
        services.TryAddSingleton(_ => new EmbeddedDatabases(string.IsNullOrWhiteSpace(directory) ? EmbeddedDatabases.DefaultDirectory : directory));
    }
}
