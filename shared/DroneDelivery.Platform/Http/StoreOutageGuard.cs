using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Platform.Http;

/// <summary>
/// What a function answers while its store is down: 503 + <c>Retry-After</c> problem details, at
/// once, instead of a 500 (which says "bug") or a hang. The caller says which exceptions are an
/// outage (the stores' <c>StoreOutage.IsOutage</c>); anything else still surfaces as a failure.
/// </summary>
public static class StoreOutageGuard
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static async Task<IActionResult> GuardAsync(string store, Func<Exception, bool> isOutage, Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception exception) when (isOutage(exception))
        {
            return ApiResults.ServiceUnavailable($"The {store} is unavailable; try again shortly.", RetryAfter);
        }
    }
}
