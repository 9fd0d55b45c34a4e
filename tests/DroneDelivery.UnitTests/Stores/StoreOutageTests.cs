using System.Net;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Packages.Stores;
using DroneDelivery.Stores;
using Microsoft.Azure.Cosmos;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;
using StackExchange.Redis;

namespace DroneDelivery.UnitTests.Stores;

/// <summary>The outage rules: the Redis stores' (shared), the drone store's (Cosmos DB) and the package store's (MongoDB).</summary>
public sealed class StoreOutageTests
{
    public static TheoryData<Exception> RedisOutages => new()
    {
        new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "connection refused", null, CommandStatus.Unknown),
        new RedisTimeoutException(CommandFlags.None, "timed out", CommandStatus.Sent),
        new TimeoutException("no answer"),
    };

    public static TheoryData<Exception> RedisFaults => new()
    {
        new InvalidOperationException("a bug"),
        new RedisServerException(RedisErrorKind.WrongType, CommandFlags.None, "WRONGTYPE Operation against a key holding the wrong kind of value"),
    };

    public static TheoryData<Exception> CosmosOutages => new()
    {
        new TimeoutException("no answer"),
        new CosmosException("unavailable", HttpStatusCode.ServiceUnavailable, 0, "activity", 1),
        new CosmosException("throttled", HttpStatusCode.TooManyRequests, 0, "activity", 1),
        new CosmosException("timed out", HttpStatusCode.RequestTimeout, 0, "activity", 1),
    };

    public static TheoryData<Exception> CosmosFaults => new()
    {
        new InvalidOperationException("a bug"),
        new CosmosException("conflict", HttpStatusCode.Conflict, 0, "activity", 1),
        new CosmosException("bad request", HttpStatusCode.BadRequest, 0, "activity", 1),
    };

    public static TheoryData<Exception> MongoOutages => new()
    {
        new TimeoutException("no server selected"),
        new MongoConnectionException(new ConnectionId(new ServerId(new ClusterId(), new DnsEndPoint("localhost", 27017))), "connection refused"),
    };

    public static TheoryData<Exception> MongoFaults => new()
    {
        new InvalidOperationException("a bug"),
        new MongoClientException("a bad query"),
    };

    [Theory]
    [MemberData(nameof(RedisOutages))]
    public void IsOutage_RedisUnreachableOrNotAnswering_IsTrue(Exception exception)
    {
        Assert.True(StoreOutage.IsOutage(exception));
    }

    [Theory]
    [MemberData(nameof(RedisFaults))]
    public void IsOutage_BugsAndRedisRefusals_IsFalse(Exception exception)
    {
        Assert.False(StoreOutage.IsOutage(exception));
    }

    [Theory]
    [MemberData(nameof(CosmosOutages))]
    public void CosmosOutage_UnavailableThrottledOrTimedOut_IsTrue(Exception exception)
    {
        Assert.True(CosmosOutage.IsOutage(exception));
    }

    [Theory]
    [MemberData(nameof(CosmosFaults))]
    public void CosmosOutage_BugsAndRefusals_IsFalse(Exception exception)
    {
        Assert.False(CosmosOutage.IsOutage(exception));
    }

    [Theory]
    [MemberData(nameof(MongoOutages))]
    public void MongoOutage_UnreachableOrNoServer_IsTrue(Exception exception)
    {
        Assert.True(MongoOutage.IsOutage(exception));
    }

    [Theory]
    [MemberData(nameof(MongoFaults))]
    public void MongoOutage_BugsAndRefusals_IsFalse(Exception exception)
    {
        Assert.False(MongoOutage.IsOutage(exception));
    }
}
