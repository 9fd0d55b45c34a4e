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
    private readonly IDroneTimeLedger _droneTime = Substitute.For<IDroneTimeLedger>();

    [Fact]
    public async Task AnAdmin_GetsTheOwnersMonth_CountedFromTheStore_ByStage()
    {
        var from = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        _deliveries.CountByOwnerAsync("owner-7", from, from.AddMonths(1), Arg.Any<CancellationToken>()).Returns(new DeliveryCounts(
            10, new Dictionary<DeliveryStage, long> { [DeliveryStage.Completed] = 6, [DeliveryStage.Cancelled] = 1, [DeliveryStage.Failed] = 2, [DeliveryStage.HeadedToPickup] = 1 }));
        _droneTime.DroneMinutesAsync("owner-7", 2026, 12, Arg.Any<CancellationToken>()).Returns(95.5);

        var answer = await GetAsync("?ownerId=owner-7&year=2026&month=12", DeliveryRoles.Admin);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(new OwnerUsage("owner-7", 2026, 12, from, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), 10, 0, 0, 1, 0, 6, 1, 2, 95.5), answer.Read<OwnerUsage>());
    }

    [Fact]
    public async Task ACustomer_Gets403_EvenForTheirOwnUsage()
    {
        var answer = await GetAsync("?ownerId=owner-1&year=2026&month=12");

        Assert.Equal(StatusCodes.Status403Forbidden, answer.StatusCode);
        await _deliveries.DidNotReceiveWithAnyArgs().CountByOwnerAsync(default!, default, default, default);
    }

    [Theory]
    [InlineData("?ownerId=&year=2026&month=12", "ownerId")]
    [InlineData("?year=2026", "month")]
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

    [Fact]
    public async Task AnAdmin_WithoutAnOwner_GetsAPageOfEveryOwnersMonth_AndTheTokenOfTheNext()
    {
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        _deliveries.CountAllOwnersAsync(from, from.AddMonths(1), "4096", GetUsage.ScanBatch, Arg.Any<CancellationToken>()).Returns(new OwnerCountsPage(
            [
                new OwnerCounts("owner-7", new DeliveryCounts(3, new Dictionary<DeliveryStage, long> { [DeliveryStage.Completed] = 2, [DeliveryStage.Failed] = 1 })),
                new OwnerCounts("owner-8", new DeliveryCounts(1, new Dictionary<DeliveryStage, long> { [DeliveryStage.Created] = 1 })),
            ],
            "8192"));

        var answer = await GetAsync("?year=2026&month=11&continuationToken=4096", DeliveryRoles.Admin);

        var report = answer.Read<UsageReport>();
        var to = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((2026, 11, from, to, "8192"), (report.Year, report.Month, report.From, report.To, report.ContinuationToken));
        Assert.Equal(
            [new OwnerUsage("owner-7", 2026, 11, from, to, 3, 0, 0, 0, 0, 2, 0, 1, 0), new OwnerUsage("owner-8", 2026, 11, from, to, 1, 1, 0, 0, 0, 0, 0, 0, 0)],
            report.Owners);
        await _deliveries.DidNotReceiveWithAnyArgs().CountByOwnerAsync(default!, default, default, default);
    }

    [Theory]
    [InlineData("?year=2026&month=12&continuationToken=abc")]
    [InlineData("?year=2026&month=12&continuationToken=123456789012345678901")]
    [InlineData("?ownerId=owner-1&year=2026&month=12&continuationToken=42")]
    public async Task AContinuationTokenNoPageGave_Is400NamingIt(string query)
    {
        var answer = await GetAsync(query, DeliveryRoles.Admin);

        answer.AssertValidationProblem("continuationToken");
        await _deliveries.DidNotReceiveWithAnyArgs().CountAllOwnersAsync(default, default, default, default, default);
    }

    /// <summary>The call through the apps' pipeline (which answers 401/403 for the admin policy the function declares).</summary>
    private async Task<HttpAnswer> GetAsync(string query, params string[] roles)
    {
        var call = HttpCall.Get();
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token("ops-1", roles)}";
        call.Request.QueryString = new QueryString(query);
        return await PipelineCall.RunAsync<GetUsage>(call, _ => new GetUsage(_deliveries, _droneTime).Run(call.Request, CancellationToken.None));
    }
}
