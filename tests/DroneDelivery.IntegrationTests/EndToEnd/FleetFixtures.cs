using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.IntegrationTests.Reliability;
using DroneDelivery.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host with a small fleet flying at 3000× and charging fast (a drone docked at 30% is full in under two
/// seconds), every drone write recorded in a <see cref="DroneAssignmentLedger"/>.
/// </summary>
public abstract class ChargingFleetFixture : LocalHostFixture
{
    public DroneAssignmentLedger Ledger { get; } = new();

    protected abstract int FleetSize { get; }

    protected override string[] Settings =>
    [
        "--Fleet:Size", FleetSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Drones:TimeScale", "3000",
        "--Simulator:Tick", "00:00:00.200",
        "--Fleet:MinBattery", "0.5",
        "--Fleet:ChargePerMinute", "30",
        "--Fleet:ChargeCheck", "00:00:00.250",
    ];

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.Decorate<IDroneRepository>(Ledger.Watch);
}

/// <summary>Five drones: one of them is put in maintenance by the test.</summary>
public sealed class FiveDroneFleetFixture : ChargingFleetFixture
{
    protected override int FleetSize => 5;
}

/// <summary>Twenty drones, for a run long enough to drain every battery more than once.</summary>
public sealed class TwentyDroneFleetFixture : ChargingFleetFixture
{
    protected override int FleetSize => 20;
}
