using DroneDelivery.Platform.Clients;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;

namespace DroneDelivery.UnitTests.Workflow;

public sealed class ActivityRetryTests
{
    private static readonly string Permanent = typeof(PermanentFailureException).FullName!;

    [Fact]
    public void IsPermanent_PermanentFailureException_IsTrue()
    {
        Assert.True(ActivityRetry.IsPermanent(Failure(Permanent)));
    }

    [Fact]
    public void IsPermanent_PermanentFailureNestedInAnotherFailure_IsTrue()
    {
        Assert.True(ActivityRetry.IsPermanent(Failure(typeof(AggregateException).FullName!, Failure(Permanent))));
    }

    [Theory]
    [InlineData("DroneDelivery.Platform.Clients.DownstreamException")]
    [InlineData("System.Net.Http.HttpRequestException")]
    [InlineData("System.TimeoutException")]
    [InlineData("PermanentFailureException")]
    public void IsPermanent_OtherFailures_IsFalse(string errorType)
    {
        Assert.False(ActivityRetry.IsPermanent(Failure(errorType)));
    }

    [Fact]
    public void Default_RetryPolicy_BacksOffUpToSixAttempts()
    {
        var policy = ActivityRetry.Default.Retry?.Policy;

        Assert.NotNull(policy);
        Assert.Equal(6, policy.MaxNumberOfAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.FirstRetryInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), policy.MaxRetryInterval);
        Assert.Equal(2, policy.BackoffCoefficient);
    }

    private static TaskFailureDetails Failure(string errorType, TaskFailureDetails? inner = null) =>
        new(errorType, "failed", null, inner, null);
}
