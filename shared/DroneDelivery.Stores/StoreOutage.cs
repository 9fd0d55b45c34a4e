using DroneDelivery.Stores.Redis;

namespace DroneDelivery.Stores;

/// <summary>
/// Which exceptions mean "the store is unreachable or not answering now" (worth a 503 +
/// Retry-After and a retry), as opposed to a bug or a bad request: Redis connection failures and
/// timeouts, and timeouts from any store. The apps with other stores classify their drivers'
/// exceptions next to those stores (the drone scheduler's <c>CosmosOutage</c>, the package
/// service's <c>MongoOutage</c>).
/// </summary>
public static class StoreOutage
{
    public static bool IsOutage(Exception exception) =>
        exception is TimeoutException || RedisConnection.IsOutage(exception);
}
