namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host purging ended orchestrations one second after they end, with the simulator off:
/// the tests fly the drones themselves (their <c>PickedUp</c>/<c>Delivered</c> reports), so a
/// delivery they leave alone stays running.
/// </summary>
public sealed class PurgingHostFixture : LocalHostFixture
{
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(1);

    protected override string[] Settings =>
    [
        "--Simulator:Enabled", "false",
        "--Durable:PurgeFinishedAfter", Retention.ToString(),
        "--Durable:PurgeInterval", "00:00:00.200",
    ];
}
