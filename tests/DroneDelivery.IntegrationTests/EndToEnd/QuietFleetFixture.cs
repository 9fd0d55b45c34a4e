namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host with the simulator off: assigned drones never report, so what a delivery shows comes from the system alone.</summary>
public sealed class QuietFleetFixture : LocalHostFixture
{
    protected override string[] Settings => ["--Simulator:Enabled", "false"];
}
