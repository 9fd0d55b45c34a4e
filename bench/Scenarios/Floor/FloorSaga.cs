using Microsoft.DurableTask;

namespace DroneDelivery.Bench.Scenarios.Floor;

/// <summary>
/// A delivery's orchestration up to "scheduled", with its I/O taken out: the same number of activities as the saga's
/// current version (<c>DeliverySagaVersions</c>: open, assign, dispatch), one after the other, each passing the request on.
/// </summary>
public sealed class FloorSaga : TaskOrchestrator<string, string>
{
    public const int Activities = 3;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var result = input;
        for (var step = 1; step <= Activities; step++)
        {
            result = await context.CallActivityAsync<string>(step == Activities ? nameof(FloorLastStep) : nameof(FloorStep), input);
        }

        return result;
    }
}
