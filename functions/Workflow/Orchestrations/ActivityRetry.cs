using DroneDelivery.Platform.Clients;
using Microsoft.DurableTask;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>
/// How activities are retried by the Durable runtime: exponential backoff for transient faults;
/// a <see cref="PermanentFailureException"/> (a 4xx other than 408/429) is not retried.
/// <see cref="Default"/> is for the steps whose failure may still end the delivery (and be
/// compensated): about a minute and a half of attempts, enough to ride out a store outage and an
/// open circuit. <see cref="UntilDone"/> is for the steps that must happen whatever the weather —
/// compensation, and everything once the package is in the air — which keep trying for about
/// ninety minutes before the saga holds the delivery at that step for an admin's retry.
/// </summary>
public static class ActivityRetry
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    public static TaskOptions Default { get; } = Options(maxNumberOfAttempts: 8);

    public static TaskOptions UntilDone { get; } = Options(maxNumberOfAttempts: 180);

    public static bool IsPermanent(TaskFailureDetails failure) =>
        failure.ErrorType == typeof(PermanentFailureException).FullName
        || (failure.InnerFailure is { } inner && IsPermanent(inner));

    private static TaskOptions Options(int maxNumberOfAttempts) => TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts, FirstRetry, backoffCoefficient: 2, maxRetryInterval: LongestWait)
    {
        HandleFailure = failure => !IsPermanent(failure),
    });
}
