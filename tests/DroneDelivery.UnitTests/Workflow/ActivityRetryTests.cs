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
    public void Default_RetryPolicy_BacksOffForAboutAMinuteAndAHalf()
    {
        var policy = Policy(ActivityRetry.Default);

        Assert.Equal(8, policy.MaxNumberOfAttempts);
        Assert.Equal(TimeSpan.FromSeconds(91), TotalWait(policy));
    }

    [Fact]
    public void UntilDone_RetryPolicy_KeepsTryingForAboutNinetyMinutes()
    {
        var policy = Policy(ActivityRetry.UntilDone);

        Assert.Equal(180, policy.MaxNumberOfAttempts);
        Assert.InRange(TotalWait(policy), TimeSpan.FromMinutes(85), TimeSpan.FromMinutes(95));
    }

    public static TheoryData<string, string> TransientFailures => new()
    {
        { nameof(ActivityRetry.Default), "DroneDelivery.Platform.Clients.DownstreamException" },
        { nameof(ActivityRetry.Default), "System.Net.Http.HttpRequestException" },
        { nameof(ActivityRetry.Default), "System.TimeoutException" },
        { nameof(ActivityRetry.UntilDone), "DroneDelivery.Platform.Clients.DownstreamException" },
        { nameof(ActivityRetry.UntilDone), "System.TimeoutException" },
    };

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public void RetryPolicy_RetriesTransientFailures(string options, string errorType)
    {
        Assert.True(HandleFailure(options, Failure(errorType)));
    }

    [Theory]
    [InlineData(nameof(ActivityRetry.Default))]
    [InlineData(nameof(ActivityRetry.UntilDone))]
    public void RetryPolicy_DoesNotRetryPermanentFailures(string options)
    {
        Assert.False(HandleFailure(options, Failure(Permanent)));
        Assert.False(HandleFailure(options, Failure(typeof(AggregateException).FullName!, Failure(Permanent))));
    }

    private static RetryPolicy Policy(TaskOptions options)
    {
        var policy = options.Retry?.Policy;
        Assert.NotNull(policy);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.FirstRetryInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), policy.MaxRetryInterval);
        Assert.Equal(2, policy.BackoffCoefficient);
        return policy;
    }

    /// <summary>The waits between all attempts: doubling from the first interval, capped at the longest.</summary>
    private static TimeSpan TotalWait(RetryPolicy policy) => TimeSpan.FromTicks(Enumerable.Range(0, policy.MaxNumberOfAttempts - 1)
        .Sum(retry => Math.Min(policy.FirstRetryInterval.Ticks * (long)Math.Pow(policy.BackoffCoefficient, Math.Min(retry, 20)), policy.MaxRetryInterval.Ticks)));

    /// <summary>
    /// What the Durable runtime asks the options before retrying a failed activity: it
    /// hands <see cref="RetryPolicy.Handle"/> the activity's failure (HandleFailure can only be set),
    /// which passes it on to the HandleFailure delegate as <see cref="TaskFailureDetails"/>.
    /// </summary>
    private static bool HandleFailure(string options, TaskFailureDetails failure)
    {
        var policy = (options == nameof(ActivityRetry.UntilDone) ? ActivityRetry.UntilDone : ActivityRetry.Default).Retry?.Policy;
        Assert.NotNull(policy);
        return policy.Handle(new CoreTaskFailedException(failure.ErrorMessage) { FailureDetails = ToCore(failure) });
    }

    private static CoreFailureDetails ToCore(TaskFailureDetails failure) =>
        new(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is { } inner ? ToCore(inner) : null, isNonRetriable: false);

    private static TaskFailureDetails Failure(string errorType, TaskFailureDetails? inner = null) =>
        new(errorType, "failed", null, inner, null);
}
