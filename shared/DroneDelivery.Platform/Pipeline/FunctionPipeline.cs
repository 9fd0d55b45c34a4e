using DroneDelivery.Platform.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DroneDelivery.Platform.Pipeline;

/// <summary>
/// The cross-cutting work every function invocation passes through, outermost first, and the one
/// place that composes it: the apps' worker (<see cref="UseFunctionPipeline"/>) and the local host
/// (<see cref="Wrap"/> around its own invoker) run exactly these steps in this order.
/// <list type="number">
/// <item><see cref="ProblemDetailsOnErrors"/>: an HTTP function that throws is answered with problem details.</item>
/// <item><see cref="FunctionAuthentication"/>: the declared policy's 401/403, or the principal for the function.</item>
/// <item><see cref="StoreOutageAnswers"/>: the declared store's outage is 503 + Retry-After.</item>
/// </list>
/// </summary>
public static class FunctionPipeline
{
    public static IReadOnlyList<Type> Steps { get; } = [typeof(ProblemDetailsOnErrors), typeof(FunctionAuthentication), typeof(StoreOutageAnswers)];

    /// <summary>The steps' services (each app's, and the local host's, through the service defaults).</summary>
    public static IServiceCollection AddFunctionPipeline(this IServiceCollection services)
    {
        services.TryAddSingleton<FunctionPolicies>();
        foreach (var step in Steps)
        {
            services.TryAddSingleton(step);
        }

        return services;
    }

    /// <summary>An authentication policy for <see cref="AuthenticateAttribute"/> (registered once however often it is asked for).</summary>
    public static IServiceCollection AddFunctionAuthenticator<T>(this IServiceCollection services)
        where T : class, IFunctionAuthenticator
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFunctionAuthenticator, T>());
        return services;
    }

    /// <summary>
    /// How one of this app's stores tells an outage from a failure, for <see cref="AnswersStoreOutageAttribute"/>.
    /// Each store's rule is registered once: the local host composes every app, and so every app's rules.
    /// </summary>
    public static IServiceCollection AddStoreOutageClassifier(this IServiceCollection services, StoreOutageClassifier isOutage)
    {
        if (!services.Any(service => service.ServiceType == typeof(StoreOutageClassifier) && Equals(service.ImplementationInstance, isOutage)))
        {
            services.AddSingleton(isOutage);
        }

        return services;
    }

    /// <summary>The worker's pipeline: every invocation runs <see cref="Wrap"/>.</summary>
    public static IFunctionsWorkerApplicationBuilder UseFunctionPipeline(this IFunctionsWorkerApplicationBuilder builder) => builder.Use(Wrap);

    /// <summary><paramref name="function"/> behind every step, each resolved from the invocation's services.</summary>
    public static FunctionExecutionDelegate Wrap(FunctionExecutionDelegate function)
    {
        var invoke = function;
        foreach (var step in Steps.Reverse())
        {
            var inner = invoke;
            invoke = context => ((IFunctionsWorkerMiddleware)context.InstanceServices.GetRequiredService(step)).Invoke(context, inner);
        }

        return invoke;
    }
}
