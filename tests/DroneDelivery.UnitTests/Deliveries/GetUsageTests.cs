using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using NSubstitute;

namespace DroneDelivery.UnitTests.Deliveries;

/// <summary><c>GET /api/usage</c> through the function class: admins only, a calendar month in UTC, the store's counts as they are.</summary>
public sealed class GetUsageTests
{
    private readonly IDeliveryRepository _deliveries = Substitute.For<IDeliveryRepository>();

    [Fact]
    public async Task AnAdmin_GetsTheOwnersMonth_CountedFromTheStore_ByStage()
    {
        var from = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        _deliveries.CountByOwnerAsync("owner-7", from, from.AddMonths(1), Arg.Any<CancellationToken>()).Returns(new DeliveryCounts(
            10, new Dictionary<DeliveryStage, long> { [DeliveryStage.Completed] = 6, [DeliveryStage.Cancelled] = 1, [DeliveryStage.Failed] = 2, [DeliveryStage.HeadedToPickup] = 1 }));

        var answer = await GetAsync("?ownerId=owner-7&year=2026&month=12", DeliveryRoles.Admin);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(new OwnerUsage("owner-7", 2026, 12, from, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), 10, 0, 0, 1, 0, 6, 1, 2), answer.Read<OwnerUsage>());
    }

    [Fact]
    public async Task ACustomer_Gets403_EvenForTheirOwnUsage()
    {
        var answer = await GetAsync("?ownerId=owner-1&year=2026&month=12");

        Assert.Equal(StatusCodes.Status403Forbidden, answer.StatusCode);
        await _deliveries.DidNotReceiveWithAnyArgs().CountByOwnerAsync(default!, default, default, default);
    }

    [Theory]
    [InlineData("?year=2026&month=12", "ownerId")]
    [InlineData("?ownerId=owner-1&year=2026&month=13", "month")]
    [InlineData("?ownerId=owner-1&year=2026&month=0", "month")]
    [InlineData("?ownerId=owner-1&year=1999&month=1", "year")]
    [InlineData("?ownerId=owner-1&month=1", "year")]
    [InlineData("?ownerId=own%20er&year=2026&month=1", "ownerId")]
    public async Task AMissingOrInvalidParameter_Is400NamingIt(string query, string field)
    {
        var answer = await GetAsync(query, DeliveryRoles.Admin);

        answer.AssertValidationProblem(field);
        await _deliveries.DidNotReceiveWithAnyArgs().CountByOwnerAsync(default!, default, default, default);
    }

    /// <summary>The call through the apps' pipeline (which answers 401/403 for the admin policy the function declares).</summary>
    private async Task<HttpAnswer> GetAsync(string query, params string[] roles)
    {
        var call = HttpCall.Get();
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token("ops-1", roles)}";
        call.Request.QueryString = new QueryString(query);
        return await PipelineCall.RunAsync<GetUsage>(call, _ => new GetUsage(_deliveries).Run(call.Request, CancellationToken.None));
    }
}
