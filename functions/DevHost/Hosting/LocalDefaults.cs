using System.Globalization;
using DroneDelivery.DroneScheduler.Services;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// Fills in what a fresh clone has no settings for: the services' base URLs point back at this
/// host, Redis is an embedded Garnet unless <c>Redis__ConnectionString</c> names a real one, and with
/// <c>Durable:Backend AzureStorage</c> the storage account is an Azurite this host starts (its data under
/// <c>Embedded:DataDirectory</c>, or in memory) unless <c>AzureWebJobsStorage</c> names one; drones charge
/// <c>Drones:TimeScale</c> times faster, like the simulator flies them.
/// (Mongo and Cosmos stand-ins: <see cref="Stores.EmbeddedStores"/>.)
/// </summary>
public static class LocalDefaults
{
    /// <summary>The processes the defaults started, for the host to stop with it.</summary>
    public sealed record Started(EmbeddedRedis? Redis, Azurite? Azurite);

    public static Started Apply(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(configuration["urls"]))
        {
            // Set here, not in appsettings.json: the in-memory Durable sidecar builds its own web host
            // from the same appsettings.json, and the address is the local host's alone.
            builder.WebHost.UseUrls(LocalHost.DefaultUrl);
        }

        var baseUrl = BaseUrl(configuration["urls"]);
        foreach (var service in new[] { "PackageUrl", "DroneSchedulerUrl", "DeliveryUrl" })
        {
            if (string.IsNullOrWhiteSpace(configuration[$"Services:{service}"]))
            {
                defaults[$"Services:{service}"] = baseUrl;
            }
        }

        EmbeddedRedis? redis = null;
        if (string.IsNullOrWhiteSpace(configuration["Redis:ConnectionString"]))
        {
            redis = EmbeddedRedis.Start(Stores.EmbeddedDatabases.Persists(configuration)
                ? Path.Combine(Stores.EmbeddedDatabases.DirectoryFrom(configuration), "garnet")
                : null);
            defaults["Redis:ConnectionString"] = redis.ConnectionString;
        }

        Azurite? azurite = null;
        var backend = configuration[$"{DurableBackendOptions.Section}:{nameof(DurableBackendOptions.Backend)}"];
        if (string.Equals(backend, nameof(DurableBackendKind.AzureStorage), StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(configuration[DurableBackendExtensions.StorageConnectionSetting]))
        {
            azurite = Azurite.Start(Stores.EmbeddedDatabases.Persists(configuration)
                ? Path.Combine(Stores.EmbeddedDatabases.DirectoryFrom(configuration), "azurite")
                : null);
            defaults[DurableBackendExtensions.StorageConnectionSetting] = azurite.ConnectionString;
        }

        // Drones charge at the simulator's pace: the apps' rate times Drones:TimeScale, unless set.
        if (string.IsNullOrWhiteSpace(configuration[$"{FleetOptions.Section}:{nameof(FleetOptions.ChargePerMinute)}"]))
        {
            var scale = double.TryParse(configuration["Drones:TimeScale"], NumberStyles.Float, CultureInfo.InvariantCulture, out var timeScale) ? timeScale : 1;
            defaults[$"{FleetOptions.Section}:{nameof(FleetOptions.ChargePerMinute)}"] =
                (new FleetOptions().ChargePerMinute * scale).ToString(CultureInfo.InvariantCulture);
        }

        configuration.AddInMemoryCollection(defaults);
        return new Started(redis, azurite);
    }

    /// <summary>The first listening URL, made callable (a wildcard host becomes localhost).</summary>
    public static string BaseUrl(string? urls)
    {
        var first = (urls ?? LocalHost.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var uri = new UriBuilder(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host == "0.0.0.0")
        {
            uri.Host = "localhost";
        }

        uri.Path = "/";
        return uri.Uri.ToString();
    }
}
