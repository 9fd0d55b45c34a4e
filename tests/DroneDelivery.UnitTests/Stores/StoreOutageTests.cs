using System.Net;
using DroneDelivery.Stores;
using Microsoft.Azure.Cosmos;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;
using StackExchange.Redis;

namespace DroneDelivery.UnitTests.Stores;

public sealed class StoreOutageTests
{
    public static TheoryData<Exception> Outages => new()
    {
        new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "connection refused", null, CommandStatus.Unknown),
        new RedisTimeoutException(CommandFlags.None, "timed out", CommandStatus.Sent),
        new TimeoutException("no answer"),
        new MongoConnectionException(new ConnectionId(new ServerId(new ClusterId(), new DnsEndPoint("localhost", 27017))), "connection refused"),
        new CosmosException("unavailable", HttpStatusCode.ServiceUnavailable, 0, "activity", 1),
        new CosmosException("throttled", HttpStatusCode.TooManyRequests, 0, "activity", 1),
        new CosmosException("timed out", HttpStatusCode.RequestTimeout, 0, "activity", 1),
    };

    public static TheoryData<Exception> Faults => new()
    {
        new InvalidOperationException("a bug"),
        new CosmosException("conflict", HttpStatusCode.Conflict, 0, "activity", 1),
        new CosmosException("bad request", HttpStatusCode.BadRequest, 0, "activity", 1),
        new RedisServerException(RedisErrorKind.WrongType, CommandFlags.None, "WRONGTYPE Operation against a key holding the wrong kind of value"),
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void IsOutage_StoreUnreachableOrNotAnswering_IsTrue(Exception exception)
    {
        Assert.True(StoreOutage.IsOutage(exception));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void IsOutage_BugsAndRefusals_IsFalse(Exception exception)
    {
        Assert.False(StoreOutage.IsOutage(exception));
    }
}
