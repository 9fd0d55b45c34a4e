using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;

namespace DroneDelivery.IntegrationTests.Stores;

/// <summary>The drone-minutes ledger's counting, against each Redis-speaking server.</summary>
public abstract class RedisDroneTimeLedgerTests(RedisFixture fixture)
{
    private static readonly DateTimeOffset March = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private RedisDroneTimeLedger Ledger()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? string.Empty);
        return new RedisDroneTimeLedger(fixture.Connection!);
    }

    private static Delivery Record(string ownerId, DeliveryStage stage, DateTimeOffset createdAt, string id) =>
        new(id, ownerId, new Location(47.6, -122.3), new Location(47.61, -122.31), createdAt, createdAt.AddHours(2), false,
            ConfirmationType.None, $"{id}-package", "drone-0001", stage, CreatedAt: createdAt);

    private static async Task FlyAsync(RedisDroneTimeLedger ledger, Delivery delivery, DateTimeOffset dispatched, DeliveryStage end, TimeSpan took)
    {
        await ledger.StageRecordedAsync(delivery with { Stage = DeliveryStage.HeadedToPickup }, dispatched, TestContext.Current.CancellationToken);
        await ledger.StageRecordedAsync(delivery with { Stage = end }, dispatched + took, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task DroneMinutes_AddUpEachDeliverysTimeFromDispatchToItsFinalStage_InTheMonthItWasCreated()
    {
        var ledger = Ledger();
        var owner = $"owner-{Guid.NewGuid():N}";
        var first = Record(owner, DeliveryStage.Created, March, Guid.NewGuid().ToString("N"));
        var second = Record(owner, DeliveryStage.Created, March.AddDays(5), Guid.NewGuid().ToString("N"));
        var nextMonth = Record(owner, DeliveryStage.Created, March.AddMonths(1), Guid.NewGuid().ToString("N"));

        await FlyAsync(ledger, first, March.AddMinutes(1), DeliveryStage.Completed, TimeSpan.FromMinutes(12.5));
        await FlyAsync(ledger, second, March.AddDays(5).AddMinutes(1), DeliveryStage.Cancelled, TimeSpan.FromMinutes(3));
        await FlyAsync(ledger, nextMonth, March.AddMonths(1).AddMinutes(1), DeliveryStage.Completed, TimeSpan.FromMinutes(7));

        Assert.Equal(15.5, await ledger.DroneMinutesAsync(owner, 2026, 3, TestContext.Current.CancellationToken));
        Assert.Equal(7, await ledger.DroneMinutesAsync(owner, 2026, 4, TestContext.Current.CancellationToken));
        Assert.Equal(0, await ledger.DroneMinutesAsync(owner, 2026, 5, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DroneMinutes_CountADeliveryOnce_WhenItsDispatchAndFinalStageAreWrittenAgain()
    {
        var ledger = Ledger();
        var owner = $"owner-{Guid.NewGuid():N}";
        var delivery = Record(owner, DeliveryStage.Created, March, Guid.NewGuid().ToString("N"));
        var dispatched = March.AddMinutes(1);

        await FlyAsync(ledger, delivery, dispatched, DeliveryStage.Completed, TimeSpan.FromMinutes(10));
        // A retried dispatch write keeps the first start; a retried final write counts nothing more.
        await ledger.StageRecordedAsync(delivery with { Stage = DeliveryStage.HeadedToPickup }, dispatched.AddMinutes(30), TestContext.Current.CancellationToken);
        await ledger.StageRecordedAsync(delivery with { Stage = DeliveryStage.Completed }, dispatched.AddMinutes(40), TestContext.Current.CancellationToken);

        Assert.Equal(10, await ledger.DroneMinutesAsync(owner, 2026, 3, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DroneMinutes_LeaveOutADeliveryThatNeverFlew()
    {
        var ledger = Ledger();
        var owner = $"owner-{Guid.NewGuid():N}";
        var failedBeforeDispatch = Record(owner, DeliveryStage.Created, March, Guid.NewGuid().ToString("N")) with { DroneId = null };

        await ledger.StageRecordedAsync(failedBeforeDispatch with { Stage = DeliveryStage.Failed }, March.AddMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(0, await ledger.DroneMinutesAsync(owner, 2026, 3, TestContext.Current.CancellationToken));
    }
}

public sealed class RedisDroneTimeLedgerOnGarnetTests(GarnetFixture fixture)
    : RedisDroneTimeLedgerTests(fixture), IClassFixture<GarnetFixture>;

public sealed class RedisDroneTimeLedgerOnRedisServerTests(RedisServerFixture fixture)
    : RedisDroneTimeLedgerTests(fixture), IClassFixture<RedisServerFixture>;
