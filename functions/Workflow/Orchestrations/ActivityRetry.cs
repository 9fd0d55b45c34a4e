using DroneDelivery.Platform.Clients;
using Microsoft.DurableTask;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>
/// How activities are retried by the Durable runtime: exponential backoff for transient faults;
/// a <see cref="PermanentFailureException"/> (a 4xx other than 408/429) is not retried.
/// </summary>
public static class ActivityRetry
{
    public static TaskOptions Default { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(30))
    {
        HandleFailure = failure => !IsPermanent(failure),
    });

    public static bool IsPermanent(TaskFailureDetails failure) =>
        failure.ErrorType == typeof(PermanentFailureException).FullName
        || (failure.InnerFailure is { } inner && IsPermanent(inner));
}
