using System.Reflection;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Packages.Stores;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace DroneDelivery.UnitTests.Support;

/// <summary>
/// Runs a function behind the apps' <see cref="FunctionPipeline"/> with the call's substituted function
/// context: the pipeline reads the function's attributes from its entry point, authenticates with
/// <see cref="TestCallers"/>' issuer and classifies outages as the stores do. For the behaviour the
/// pipeline owns (401/403, 503 on a store outage, problem details on an error).
/// </summary>
public static class PipelineCall
{
    /// <summary>The pipeline's services as an app registers them (customer and admin policies, the stores' outage rules).</summary>
    public static ServiceCollection Services(CallerAuthentication? callers = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFunctionPipeline();
        services.AddSingleton(callers ?? TestCallers.Default.Authentication);
        services.AddFunctionAuthenticator<CustomerAuthenticator>();
        services.AddFunctionAuthenticator<AdminAuthenticator>();
        services.AddStoreOutageClassifier(StoreOutage.IsOutage);
        services.AddStoreOutageClassifier(CosmosOutage.IsOutage);
        services.AddStoreOutageClassifier(MongoOutage.IsOutage);
        return services;
    }

    /// <summary>
    /// The call through <paramref name="pipeline"/> (<see cref="FunctionPipeline.Wrap"/>, or what a worker
    /// registered) to <paramref name="function"/> (the <c>[Function]</c> method named by <typeparamref name="TFunction"/> and <paramref name="method"/>).
    /// </summary>
    public static async Task<HttpAnswer> RunAsync<TFunction>(
        HttpCall call, Func<FunctionContext, Task<IActionResult>> function, IServiceProvider? services = null,
        string method = "Run", Func<FunctionExecutionDelegate, FunctionExecutionDelegate>? pipeline = null)
    {
        var entry = typeof(TFunction).GetMethod(method, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ArgumentException($"{typeof(TFunction).Name} has no method {method}.", nameof(method));
        var name = entry.GetCustomAttribute<FunctionAttribute>()!.Name;
        var definition = Substitute.For<FunctionDefinition>();
        definition.Id.Returns(name);
        definition.Name.Returns(name);
        definition.EntryPoint.Returns($"{typeof(TFunction).FullName}.{method}");
        definition.PathToAssembly.Returns(typeof(TFunction).Assembly.Location);
        call.Context.FunctionDefinition.Returns(definition);
        call.Context.InstanceServices.Returns(services ?? Services().BuildServiceProvider());

        await (pipeline ?? FunctionPipeline.Wrap)(async context => FunctionResults.Set(context, await function(context)))(call.Context);
        return await call.ExecuteAsync((IActionResult)FunctionResults.Get(call.Context)!);
    }
}
