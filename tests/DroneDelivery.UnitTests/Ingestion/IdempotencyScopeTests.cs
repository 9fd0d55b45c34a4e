using System.Text.Json;
using CsCheck;
using DroneDelivery.Ingestion.Functions;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Ingestion.Stores;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace DroneDelivery.UnitTests.Ingestion;

public sealed class IdempotencyScopeTests
{
    [Fact]
    public void Of_PartsThatContainTheOldSeparator_GiveDifferentKeys()
    {
        Assert.NotEqual(IdempotencyScope.Of("cancel", "a:b", "c", "k"), IdempotencyScope.Of("cancel", "a", "b:c", "k"));
        Assert.NotEqual(IdempotencyScope.Of("1#a", string.Empty), IdempotencyScope.Of("1", "a"));
    }

    [Fact]
    public void Of_DifferentListsOfParts_NeverGiveTheSameKey()
    {
        var parts = Gen.String[Gen.Char["a:#1"], 0, 4].Array[0, 4];

        Gen.Select(parts, parts).Sample(
            (left, right) => left.SequenceEqual(right) == (IdempotencyScope.Of(left) == IdempotencyScope.Of(right)),
            iter: 20_000);
    }

    [Fact]
    public async Task CancelDeliveryRequest_SameKeyFromAnOwnerWhoseIdsJoinTheSame_IsNotServedTheOtherOwnersAnswer()
    {
        var queue = Substitute.For<IQueueSender>();
        var deliveries = Substitute.For<IDeliveryServiceClient>();
        deliveries.GetAsync("c", Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(Samples.Delivery("c") with { OwnerId = "a:b" });
        deliveries.GetAsync("b:c", Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(Samples.Delivery("b:c") with { OwnerId = "a" });
        var function = new CancelDeliveryRequest(queue, deliveries,
            new IdempotentRequests(new InMemoryIdempotencyStore(), NullLogger<IdempotentRequests>.Instance), NullLogger<CancelDeliveryRequest>.Instance);

        var first = await CancelAsync(function, owner: "a:b", id: "c");
        var second = await CancelAsync(function, owner: "a", id: "b:c");

        Assert.Equal(StatusCodes.Status202Accepted, first.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, second.StatusCode);
        Assert.Equal("b:c", JsonDocument.Parse(second.Body).RootElement.GetProperty("deliveryId").GetString());
        Assert.Equal(2, queue.ReceivedCalls().Count());
    }

    private static async Task<HttpAnswer> CancelAsync(CancelDeliveryRequest function, string owner, string id)
    {
        var call = TestCallers.SignedIn(HttpCall.With(HttpMethods.Delete), owner);
        call.Request.Headers[IdempotencyKey.Header] = "k";
        return await call.ExecuteAsync(await function.Run(call.Request, id, call.Context, CancellationToken.None));
    }
}
