using System.Net;
using Microsoft.Azure.Cosmos;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>
/// Which exceptions mean the drone store is unreachable or not answering now (a 503 + Retry-After,
/// not a 500): Cosmos DB 503/408/429 answers, and timeouts.
/// </summary>
public static class CosmosOutage
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        TimeoutException => true,
        CosmosException cosmos => cosmos.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };
}
