using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.UnitTests.Support;

namespace DroneDelivery.UnitTests.Deliveries.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly WebhookOptions Production = new();
    private static readonly DateTimeOffset Raised = TestTime.Start;

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(8, 640)]
    [InlineData(12, 3600)]
    [InlineData(40, 3600)]
    public void Next_AfterAFailedAttempt_DoublesFromTheFirstDelayUpToTheCap(int attemptsMade, int seconds)
    {
        var now = Raised.AddMinutes(1);

        var next = RetrySchedule.Next(Production, Raised, attemptsMade, now, jitter: 0);

        Assert.Equal(now.AddSeconds(seconds), next);
    }

    [Fact]
    public void Next_Jitter_AddsAtMostATenth()
    {
        var next = RetrySchedule.Next(Production, Raised, 3, Raised, jitter: 1);

        Assert.Equal(Raised.AddSeconds(22), next);
    }

    [Fact]
    public void Next_PastADayAfterTheEvent_GivesUp()
    {
        Assert.NotNull(RetrySchedule.Next(Production, Raised, 30, Raised.AddHours(22), jitter: 0));
        Assert.Null(RetrySchedule.Next(Production, Raised, 31, Raised.AddHours(23.5), jitter: 0));
    }
}
