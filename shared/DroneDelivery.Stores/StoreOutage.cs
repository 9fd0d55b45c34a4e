using System.Net;
using DroneDelivery.Stores.Redis;
using Microsoft.Azure.Cosmos;
using MongoDB.Driver;

namespace DroneDelivery.Stores;

/// <summary>
/// Which exceptions mean "the store is unreachable or not answering now" (worth a 503 +
/// Retry-After and a retry), as opposed to a bug or a bad request: Redis connection failures and
/// timeouts, MongoDB connection and server-selection failures, Cosmos DB 503/408/429 answers, and
/// timeouts from any store.
/// </summary>
public static class StoreOutage
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        _ when RedisConnection.IsOutage(exception) => true,
        TimeoutException or MongoConnectionException or MongoExecutionTimeoutException => true,
        CosmosException cosmos => cosmos.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };
}
