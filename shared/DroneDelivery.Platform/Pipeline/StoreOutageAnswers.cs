using DroneDelivery.Platform.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace DroneDelivery.Platform.Pipeline;

/// <summary>Whether an exception means a store is down; an app registers one per kind of store it has (Redis: <c>StoreOutage.IsOutage</c>; Cosmos DB, MongoDB: next to those stores in their apps).</summary>
public delegate bool StoreOutageClassifier(Exception exception);

/// <summary>
/// Pipeline step: what a function with <see cref="AnswersStoreOutageAttribute"/> answers while its
/// store is down — 503 + <c>Retry-After</c> problem details, at once, instead of a 500 (which says
/// "bug") or a hang. The app's <see cref="StoreOutageClassifier"/> says which exceptions are an
/// outage; anything else still surfaces as a failure.
/// </summary>
public sealed class StoreOutageAnswers(FunctionPolicies policies, IEnumerable<StoreOutageClassifier> classifiers) : IFunctionsWorkerMiddleware
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly StoreOutageClassifier[] _classifiers = [.. classifiers];

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (policies.Of(context).OutageStore is not { } store)
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (_classifiers.Any(isOutage => isOutage(exception)))
        {
            FunctionResults.Set(context, ApiResults.ServiceUnavailable($"The {store} is unavailable; try again shortly.", RetryAfter));
        }
    }
}
