using MongoDB.Driver;

namespace DroneDelivery.Packages.Stores;

/// <summary>
/// Which exceptions mean the package store is unreachable or not answering now (a 503 +
/// Retry-After, not a 500): MongoDB connection and server-selection failures, and timeouts.
/// </summary>
public static class MongoOutage
{
    public static bool IsOutage(Exception exception) =>
        exception is TimeoutException or MongoConnectionException or MongoExecutionTimeoutException;
}
