using Microsoft.DurableTask;

namespace DroneDelivery.Bench.Scenarios.Floor;

/// <summary>An activity that does nothing but hand its input back.</summary>
public sealed class FloorStep : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}
