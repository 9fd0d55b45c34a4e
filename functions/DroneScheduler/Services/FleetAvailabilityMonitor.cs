using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// Feeds the <c>dronedelivery.drones.available</c> gauge: counts the available drones every
/// <see cref="FleetOptions.GaugeRefresh"/>, so a scrape never queries the store; claims and releases
/// show up within one period.
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
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not count the available drones; the gauge keeps its last value");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
