using DroneDelivery.Workflow.Orchestrations;

namespace DroneDelivery.UnitTests.Workflow;

public sealed class DeliveryScheduleTests
{
    [Fact]
    public void NoDroneRetryDelay_IsTheSameForTheSameDeliveryAndAttempt_SoAReplaySetsTheSameTimer()
    {
        Assert.Equal(DeliverySchedule.NoDroneRetryDelay(2, "d-1"), DeliverySchedule.NoDroneRetryDelay(2, "d-1"));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 60)]
    [InlineData(30, 60)]
    public void NoDroneRetryDelay_DoublesFrom5SecondsToAMinute_WithinTwentyPercent(int attempt, double seconds)
    {
        var delays = Enumerable.Range(0, 500).Select(index => DeliverySchedule.NoDroneRetryDelay(attempt, $"delivery-{index}").TotalSeconds).ToList();

        Assert.All(delays, delay => Assert.InRange(delay, seconds * 0.8, seconds * 1.2));
        Assert.InRange(delays.Average(), seconds * 0.95, seconds * 1.05);
    }

    [Fact]
    public void NoDroneRetryDelay_SpreadsDeliveriesThatFoundNoDroneTogether()
    {
        var delays = Enumerable.Range(0, 200).Select(index => DeliverySchedule.NoDroneRetryDelay(0, $"bench-{index}")).ToList();

        // 200 deliveries over a 2-second window: no instant is shared by more than a handful of them.
        var busiestTenthOfASecond = delays.GroupBy(delay => (int)(delay.TotalMilliseconds / 100)).Max(group => group.Count());
        Assert.True(busiestTenthOfASecond <= 25, $"{busiestTenthOfASecond} of 200 retries fall in one 100 ms slot");
        Assert.True(delays.Max() - delays.Min() >= TimeSpan.FromSeconds(1.5));
    }
}
