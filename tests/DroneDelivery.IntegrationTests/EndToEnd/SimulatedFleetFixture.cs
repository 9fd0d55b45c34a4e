using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host with its simulator flying the fleet under load. It keeps its warnings and the simulator's lines, so a test
/// whose deliveries get stuck can say where one stood and what the host logged (<see cref="DiagnoseAsync"/>).
/// </summary>
public abstract class SimulatedFleetFixture : LocalHostFixture
{
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Where a stuck delivery is: its orchestration, the drones in flight, the host's latest warnings and the lines naming it.</summary>
    public async Task<string> DiagnoseAsync(string deliveryId)
    {
        using var admin = SignedIn("stuck-delivery-diagnosis", DeliveryRoles.Admin);
        var orchestration = await admin.GetStringAsync($"/api/orchestrations/{deliveryId}");
        var inFlight = await Http.GetStringAsync("/api/drones?state=InFlight");
        var logs = Logs.Logs.ToArray();
        var lines = logs.Where(log => log.Level >= LogLevel.Warning || log.Message.Contains(deliveryId, StringComparison.Ordinal)).TakeLast(40)
            .Select(log => $"{log.Level} {log.Category}: {log.Message}");
        return $"\n{deliveryId}'s orchestration: {orchestration}\ndrones in flight: {inFlight[..Math.Min(inFlight.Length, 1500)]}\n"
            + $"{logs.Length} log lines, the latest warnings and those naming {deliveryId}:\n{string.Join("\n", lines)}";
    }

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Logging.AddProvider(Logs).AddFilter<CapturingLoggerProvider>("DroneDelivery.DevHost.Simulation", LogLevel.Information);
}
