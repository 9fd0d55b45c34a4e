namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host with 50 drones flying at 600×: fewer drones than the deliveries a contention test requests.</summary>
public sealed class BusyFleetFixture : SimulatedFleetFixture
{
    protected override string[] Settings => ["--Drones:TimeScale", "600", "--Fleet:Size", "50"];
}
