using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace DroneDelivery.Bench.Scenarios.Floor;

/// <summary>The saga's last activity: signals, in process, that the orchestration got where a delivery is "scheduled".</summary>
public sealed class FloorLastStep : TaskActivity<string, string>
{
    /// <summary>Waiters by instance id, completed when that instance runs this activity.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource> Scheduled { get; } = new(StringComparer.Ordinal);

    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        Scheduled.GetValueOrDefault(context.InstanceId)?.TrySetResult();
        return Task.FromResult(input);
    }
}
