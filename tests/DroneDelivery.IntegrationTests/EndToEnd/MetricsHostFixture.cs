namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host with the available-drones gauge recounted every half second.</summary>
public sealed class MetricsHostFixture : LocalHostFixture
{
    protected override string[] Settings => ["--Fleet:GaugeRefresh", "00:00:00.500"];
}
