using DurableTask.Core;
using DurableTask.Core.Query;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>Instance counts by runtime status, on any backend that answers queries.</summary>
public static class DurableInstances
{
    public static async Task<IReadOnlyDictionary<OrchestrationStatus, int>> CountAsync(IOrchestrationServiceQueryClient backend, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<OrchestrationStatus, int>();
        string? continuation = null;
        do
        {
            var page = await backend.GetOrchestrationWithQueryAsync(
                new OrchestrationQuery { PageSize = 1000, ContinuationToken = continuation }, cancellationToken);
            foreach (var state in page.OrchestrationState)
            {
                counts[state.OrchestrationStatus] = counts.GetValueOrDefault(state.OrchestrationStatus) + 1;
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));

        return counts;
    }
}
