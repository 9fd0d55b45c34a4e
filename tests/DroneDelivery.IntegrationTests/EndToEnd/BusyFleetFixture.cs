namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host with a fleet of 50 drones flying at 600×, to load it with more deliveries than drones.</summary>
public sealed class BusyFleetFixture : LocalHostFixture
{
    protected override string[] Settings => ["--Drones:TimeScale", "600", "--Fleet:Size", "50"];
}
