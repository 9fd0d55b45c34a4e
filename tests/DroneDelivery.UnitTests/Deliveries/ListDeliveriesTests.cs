using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using StackExchange.Redis;

namespace DroneDelivery.UnitTests.Deliveries;

/// <summary><c>GET /api/deliveries</c> through the function class: the caller's own list, its query checked, an admin's view of another owner.</summary>
public sealed class ListDeliveriesTests
{
    private readonly IDeliveryRepository _deliveries = Substitute.For<IDeliveryRepository>();

    public ListDeliveriesTests() =>
        _deliveries.ListByOwnerAsync(default!, default, default, default, default)
            .ReturnsForAnyArgs(new DeliveryPage([Samples.Delivery()], null));

    [Fact]
    public async Task List_WithoutAQuery_AsksTheStoreForTheCallersOwnNewestTwenty()
    {
        var answer = await ListAsync(string.Empty);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        await _deliveries.Received(1).ListByOwnerAsync("owner-1", null, DeliveryListQuery.DefaultTop, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task List_AnswersSummariesOnly_AndTheNextPagesToken()
    {
        var next = new DeliveryCursor(TestTime.Start, "delivery-0");
        _deliveries.ListByOwnerAsync(default!, default, default, default, default).ReturnsForAnyArgs(new DeliveryPage([Samples.Delivery()], next));

        var answer = await ListAsync("?top=1");

        var item = Assert.Single(answer.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(
            ["createdAt", "deadline", "dropoff", "id", "pickup", "stage"],
            item.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
        Assert.Equal(next, DeliveryCursor.FromToken(answer.Json.GetProperty("continuationToken").GetString()!));
    }

    [Fact]
    public async Task List_OnTheLastPage_HasNoContinuationToken()
    {
        var answer = await ListAsync(string.Empty);

        Assert.False(answer.Json.TryGetProperty("continuationToken", out _));
    }

    [Fact]
    public async Task List_StageTopAndToken_AreHandedToTheStore()
    {
        var after = new DeliveryCursor(TestTime.Start, "delivery-7");

        await ListAsync($"?stage=Completed&top=5&continuationToken={after.ToToken()}");

        await _deliveries.Received(1).ListByOwnerAsync("owner-1", DeliveryStage.Completed, 5, after, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("?stage=Delivered", "stage")]
    [InlineData("?stage=4", "stage")]
    [InlineData("?stage=Completed&stage=Failed", "stage")]
    [InlineData("?top=0", "top")]
    [InlineData("?top=101", "top")]
    [InlineData("?top=-1", "top")]
    [InlineData("?top=ten", "top")]
    [InlineData("?top=1e2", "top")]
    [InlineData("?continuationToken=not-a-token", "continuationToken")]
    [InlineData("?continuationToken=", "continuationToken")]
    [InlineData("?continuationToken=MTIzOmJhZCBpZA", "continuationToken")]
    [InlineData("?ownerId=bad%20owner", "ownerId")]
    public async Task List_WithABadParameter_Answers400NamingIt_AndReadsNothing(string query, string field)
    {
        var answer = await ListAsync(query);

        answer.AssertValidationProblem(field);
        await _deliveries.DidNotReceiveWithAnyArgs().ListByOwnerAsync(default!, default, default, default, default);
    }

    [Fact]
    public async Task List_ForAnotherOwner_ByACustomer_Answers403_AndReadsNothing()
    {
        var answer = await ListAsync("?ownerId=owner-2");

        Assert.Equal(StatusCodes.Status403Forbidden, answer.StatusCode);
        await _deliveries.DidNotReceiveWithAnyArgs().ListByOwnerAsync(default!, default, default, default, default);
    }

    [Fact]
    public async Task List_ForTheCallersOwnOwnerId_IsTheCallersList()
    {
        var answer = await ListAsync("?ownerId=owner-1");

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        await _deliveries.Received(1).ListByOwnerAsync("owner-1", null, DeliveryListQuery.DefaultTop, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task List_ForAnotherOwner_ByAnAdmin_IsThatOwnersList()
    {
        var answer = await ListAsync("?ownerId=owner-2", caller: "support-1", DeliveryRoles.Admin);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        await _deliveries.Received(1).ListByOwnerAsync("owner-2", null, DeliveryListQuery.DefaultTop, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task List_ByAPartner_ForAnotherOwner_Answers403()
    {
        var answer = await ListAsync("?ownerId=owner-2", caller: "partner-1", DeliveryRoles.Partner);

        Assert.Equal(StatusCodes.Status403Forbidden, answer.StatusCode);
    }

    [Fact]
    public async Task List_WithoutAToken_Answers401()
    {
        var call = HttpCall.Get();

        var answer = await PipelineCall.RunAsync<ListDeliveries>(call, context => new ListDeliveries(_deliveries).Run(call.Request, context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
    }

    [Fact]
    public async Task List_WhileTheStoreIsDown_Answers503()
    {
        _deliveries.ListByOwnerAsync(default!, default, default, default, default).ThrowsAsyncForAnyArgs(new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "down", null, CommandStatus.Unknown));

        var answer = await ListAsync(string.Empty);

        answer.AssertStoreOutage();
    }

    private async Task<HttpAnswer> ListAsync(string query, string caller = "owner-1", params string[] roles)
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), caller, roles);
        call.Request.QueryString = new QueryString(query);
        return await PipelineCall.RunAsync<ListDeliveries>(call, context => new ListDeliveries(_deliveries).Run(call.Request, context, CancellationToken.None));
    }
}
