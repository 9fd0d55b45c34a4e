using DroneDelivery.Platform.Clients;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreTaskFailedException = DurableTask.Core.Exceptions.TaskFailedException;

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

    [Theory]
    [InlineData("DroneDelivery.Platform.Clients.DownstreamException")]
    [InlineData("System.Net.Http.HttpRequestException")]
    [InlineData("System.TimeoutException")]
    public void Default_RetryPolicy_RetriesTransientFailures(string errorType)
    {
        Assert.True(HandleFailure(Failure(errorType)));
    }

    [Fact]
    public void Default_RetryPolicy_DoesNotRetryPermanentFailures()
    {
        Assert.False(HandleFailure(Failure(Permanent)));
        Assert.False(HandleFailure(Failure(typeof(AggregateException).FullName!, Failure(Permanent))));
    }

    /// <summary>
    /// What the Durable runtime asks the default options before retrying a failed activity: it
    /// hands <see cref="RetryPolicy.Handle"/> the activity's failure (HandleFailure can only be set),
    /// which passes it on to the HandleFailure delegate as <see cref="TaskFailureDetails"/>.
    /// </summary>
    private static bool HandleFailure(TaskFailureDetails failure)
    {
        var policy = ActivityRetry.Default.Retry?.Policy;
        Assert.NotNull(policy);
        return policy.Handle(new CoreTaskFailedException(failure.ErrorMessage) { FailureDetails = ToCore(failure) });
    }

    private static CoreFailureDetails ToCore(TaskFailureDetails failure) =>
        new(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is { } inner ? ToCore(inner) : null, isNonRetriable: false);

    private static TaskFailureDetails Failure(string errorType, TaskFailureDetails? inner = null) =>
        new(errorType, "failed", null, inner, null);
}
