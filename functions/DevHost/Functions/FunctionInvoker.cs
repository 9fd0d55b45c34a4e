using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DroneDelivery.DevHost.Functions;

/// <summary>
/// Calls a function method the way the worker does: a new instance per invocation from the
/// service provider, parameters bound from the trigger, route values and binding data, and
/// the returned task awaited; an HTTP function behind the <see cref="FunctionPipeline"/> the apps run.
/// </summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(FunctionDescriptor function, InvocationInputs inputs)
    {
        using var activity = DroneDeliveryTelemetry.Source.StartActivity(function.ActivityName, ActivityKind.Internal);
        var context = new LocalFunctionContext(function, inputs.Services, inputs.BindingData, inputs.CancellationToken, inputs.HttpContext);
        if (function.Trigger != TriggerKind.Http)
        {
            return await CallAsync(function, inputs, context, activity);
        }

        // An HTTP function runs behind the apps' own worker pipeline, as in Azure.
        await FunctionPipeline.Wrap(async _ => context.InvocationResult = await CallAsync(function, inputs, context, activity))(context);
        return context.InvocationResult;
    }

    private static async Task<object?> CallAsync(FunctionDescriptor function, InvocationInputs inputs, LocalFunctionContext context, Activity? activity)
    {
        var target = function.Factory?.Invoke(inputs.Services, null);
        var arguments = function.Parameters.Select(parameter => Bind(function, parameter, inputs, context)).ToArray();
        try
        {
            var result = function.Method.Invoke(target, arguments);
            return await UnwrapAsync(function, result);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.InnerException.Message);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }

    private static object? Bind(FunctionDescriptor function, ParameterInfo parameter, InvocationInputs inputs, FunctionContext context)
    {
        var type = parameter.ParameterType;
        // By position, not by reference: two hosts discovering the same method at once can each get their own
        // ParameterInfo objects for it (the runtime caches them without a lock), and then none is the trigger's.
        if (parameter.Position == function.TriggerParameter.Position && function.Trigger != TriggerKind.Http)
        {
            return function.Trigger == TriggerKind.Orchestration ? inputs.Orchestration : Convert(inputs.TriggerValue, type);
        }

        if (type == typeof(HttpRequest)) return inputs.HttpContext?.Request;
        if (type == typeof(FunctionContext)) return context;
        if (type == typeof(CancellationToken)) return inputs.CancellationToken;
        if (type == typeof(TaskOrchestrationContext)) return inputs.Orchestration;
        if (type == typeof(DurableTaskClient)) return Resolve(inputs.Services, type);

        var name = parameter.Name!;
        if (inputs.HttpContext?.GetRouteValue(name) is { } routeValue)
        {
            return Convert(routeValue.ToString(), type);
        }

        if (inputs.BindingData.TryGetValue(name, out var bound))
        {
            return Convert(bound, type);
        }

        throw new NotSupportedException($"The local host cannot bind parameter '{name}' of function {function.Name}.");
    }

    private static object Resolve(IServiceProvider services, Type type) =>
        services.GetService(type) ?? throw new InvalidOperationException($"No {type.Name} is registered in the local host.");

    private static object? Convert(object? value, Type type) => value switch
    {
        null => null,
        _ when type.IsInstanceOfType(value) => value,
        string text when type == typeof(byte[]) => System.Text.Encoding.UTF8.GetBytes(text),
        JsonElement json => json.Deserialize(type, ContractJson.Options),
        string text => JsonSerializer.Deserialize(text, type, ContractJson.Options),
        _ => throw new NotSupportedException($"Cannot bind a {value.GetType().Name} to {type.Name}."),
    };

    private static async Task<object?> UnwrapAsync(FunctionDescriptor function, object? result)
    {
        switch (result)
        {
            case Task task:
                await task;
                return function.TaskResult?.GetValue(task);
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return result;
        }
    }
}
