using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// Every <see cref="FleetOptions.ChargeCheck"/> (on the <see cref="TimeProvider"/>, so tests drive it), reads the
/// charging drones and makes those whose battery is full <see cref="DroneState.Available"/> again, each with a
/// conditional write: a drone an admin changed meanwhile is left as the admin left it.
/// </summary>
public sealed class FleetCharger(IDroneRepository drones, IOptions<FleetOptions> options, TimeProvider clock, ILogger<FleetCharger> logger)
    : BackgroundService
{
    /// <summary>Returns the charging drones that are full to the pool; how many it returned.</summary>
    public async Task<int> ChargeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var charged = 0;
        foreach (var drone in await drones.ListAsync(DroneState.Charging, cancellationToken))
        {
            if (DroneBattery.ChargeAt(drone, now, options.Value) < 1)
            {
                continue;
            }

            var current = await drones.GetAsync(drone.Id, cancellationToken);
            if (current is { Drone.State: DroneState.Charging } && DroneBattery.ChargeAt(current.Drone, now, options.Value) >= 1
                && await drones.TryReplaceAsync(current.Drone with { State = DroneState.Available, Battery = 1, ChargingSince = null }, current.Version, cancellationToken))
            {
                logger.LogInformation("Drone {DroneId} is charged and available again", drone.Id);
                charged++;
            }
        }

        return charged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ChargeCheck, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ChargeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not return the charged drones to the pool; trying again at the next check");
            }
        }
    }
}
