using DroneDelivery.Contracts.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;

namespace DroneDelivery.DevHost.Functions;

/// <summary>Registers every orchestrator and activity function with the Durable worker under its function name.</summary>
public static class DurableFunctionRegistration
{
    public static void AddFunctions(this DurableTaskRegistry registry, FunctionCatalog catalog)
    {
        foreach (var function in catalog.OfKind(TriggerKind.Orchestration))
        {
            registry.AddOrchestrator(function.Name, () => new FunctionOrchestrator(function));
        }

        foreach (var function in catalog.OfKind(TriggerKind.Activity))
        {
            registry.AddActivity(function.Name, services => new FunctionActivity(function, services));
        }
    }

    /// <summary>Inputs and outputs cross the Durable backend as contract JSON, as they do under the Functions host.</summary>
    public static IServiceCollection UseContractJsonForDurable(this IServiceCollection services)
    {
        var converter = new JsonDataConverter(ContractJson.Options);
        services.ConfigureAll<DurableTaskClientOptions>(options => options.DataConverter = converter);
        services.ConfigureAll<DurableTaskWorkerOptions>(options => options.DataConverter = converter);
        return services;
    }

    /// <summary>An orchestrator function; it reads its input from the context, as in the Functions host.</summary>
    private sealed class FunctionOrchestrator(FunctionDescriptor function) : ITaskOrchestrator
    {
        public Type InputType => typeof(object);

        public Type OutputType => ReturnType(function);

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            FunctionInvoker.InvokeAsync(function, new InvocationInputs(EmptyServices.Instance, CancellationToken.None) { Orchestration = new FunctionOrchestrationContext(context, input) });
    }

    /// <summary>
    /// An activity function; the Durable worker deserializes its input to the trigger parameter's type.
    /// It runs within the host's <see cref="ActivityConcurrency"/>, as under the Functions host.
    /// </summary>
    private sealed class FunctionActivity(FunctionDescriptor function, IServiceProvider services) : ITaskActivity
    {
        public Type InputType => function.TriggerParameter.ParameterType;

        public Type OutputType => ReturnType(function);

        public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
            services.GetRequiredService<ActivityConcurrency>().RunAsync(
                () => FunctionInvoker.InvokeAsync(function, new InvocationInputs(services, CancellationToken.None) { TriggerValue = input }));
    }

    private static Type ReturnType(FunctionDescriptor function)
    {
        var type = function.Method.ReturnType;
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) ? type.GetGenericArguments()[0] : typeof(object);
    }

    /// <summary>Orchestrators take no services: their code must stay deterministic.</summary>
    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
