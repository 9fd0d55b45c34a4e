namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host with the simulator off: assigned drones stay where they are until a test reports for them.</summary>
public sealed class QuietFleetFixture : LocalHostFixture
{
    protected override string[] Settings => ["--Simulator:Enabled", "false"];
}
