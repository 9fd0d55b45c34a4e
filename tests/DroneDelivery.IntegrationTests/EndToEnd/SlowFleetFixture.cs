namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host with drones flying in real time (15 m/s): a delivery stays before pickup long enough to change it.</summary>
public sealed class SlowFleetFixture : LocalHostFixture
{
    protected override string[] Settings => ["--Drones:TimeScale", "1"];
}
