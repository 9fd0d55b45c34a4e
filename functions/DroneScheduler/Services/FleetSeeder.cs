using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>Creates the configured seed fleet when the fleet store is empty; the same seed gives the same fleet.</summary>
public sealed class FleetSeeder(IDroneRepository drones, IOptions<FleetOptions> options, ILogger<FleetSeeder> logger) : IHostedService
{
    private const double KmPerDegreeLatitude = 111.32;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await drones.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var fleet = CreateFleet(options.Value);
        await drones.AddAsync(fleet, cancellationToken);
        logger.LogInformation("Seeded a fleet of {Count} drones", fleet.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static IReadOnlyList<Drone> CreateFleet(FleetOptions fleet)
    {
        var random = new Random(20_19);
        var sizes = Enum.GetValues<ContainerSize>();
        var kmPerDegreeLongitude = KmPerDegreeLatitude * Math.Cos(fleet.CenterLatitude * Math.PI / 180);
        return Enumerable.Range(1, fleet.Size)
            .Select(number =>
            {
                var latitude = fleet.CenterLatitude + (((random.NextDouble() * 2) - 1) * fleet.RadiusKm / KmPerDegreeLatitude);
                var longitude = fleet.CenterLongitude + (((random.NextDouble() * 2) - 1) * fleet.RadiusKm / kmPerDegreeLongitude);
                var size = sizes[(number - 1) % sizes.Length];
                var payload = size switch { ContainerSize.Small => 5, ContainerSize.Medium => 20, _ => 50 };
                return new Drone($"drone-{number:D4}", new Location(latitude, longitude), 1.0, payload, size, DroneState.Available, null);
            })
            .ToList();
    }
}
