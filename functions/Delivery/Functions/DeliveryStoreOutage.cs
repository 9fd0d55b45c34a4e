using DroneDelivery.Platform.Http;
using DroneDelivery.Stores.Redis;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// What a read answers while Redis is down: 503 + <c>Retry-After</c> problem details, at once (the
/// connection fails fast, see <see cref="RedisConnection"/>), instead of hanging or a 500.
/// </summary>
public static class DeliveryStoreOutage
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static async Task<IActionResult> GuardAsync(Func<Task<IActionResult>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (RedisConnection.IsOutage(exception))
        {
            return ApiResults.ServiceUnavailable("The delivery store is unavailable; try again shortly.", RetryAfter);
        }
    }
}
