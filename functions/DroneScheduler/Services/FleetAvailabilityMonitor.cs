using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// Feeds the <c>dronedelivery.drones.available</c> and <c>dronedelivery.drones.grounded</c> gauges: counts the available
/// drones, and reads the charging ones and those in maintenance (queries on their state: they are few, not the fleet), every
/// <see cref="FleetOptions.GaugeRefresh"/>, so a scrape never queries the store; changes show up within one period.
/// </summary>
public sealed class FleetAvailabilityMonitor(IDroneRepository drones, IOptions<FleetOptions> options, TimeProvider clock, ILogger<FleetAvailabilityMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GaugeRefresh, clock);
        do
        {
            try
            {
                DroneDeliveryTelemetry.ObserveAvailableDrones(await drones.CountAvailableAsync(stoppingToken));
                DroneDeliveryTelemetry.ObserveGroundedDrones(new Dictionary<string, int>
                {
                    [nameof(DroneState.Charging)] = (await drones.ListAsync(DroneState.Charging, stoppingToken)).Count,
                    [nameof(DroneState.Maintenance)] = (await drones.ListAsync(DroneState.Maintenance, stoppingToken)).Count,
                });
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not count the available and grounded drones; the gauges keep their last values");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
