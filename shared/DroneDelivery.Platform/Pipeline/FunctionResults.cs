using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Platform.Pipeline;

/// <summary>
/// Reads and sets an invocation's result from middleware. The worker keeps it in a feature only the
/// worker can create (<c>GetInvocationResult</c>); a context built elsewhere — the local host's, a
/// test's — keeps it itself (<see cref="IInvocationResultHolder"/>).
/// </summary>
public static class FunctionResults
{
    public static object? Get(FunctionContext context) =>
        context is IInvocationResultHolder holder ? holder.InvocationResult : context.GetInvocationResult().Value;

    public static void Set(FunctionContext context, object? value)
    {
        if (context is IInvocationResultHolder holder)
        {
            holder.InvocationResult = value;
        }
        else
        {
            context.GetInvocationResult().Value = value;
        }
    }
}

/// <summary>A function context that is not the worker's holds its invocation result itself.</summary>
public interface IInvocationResultHolder
{
    object? InvocationResult { get; set; }
}
