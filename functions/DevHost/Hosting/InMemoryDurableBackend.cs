using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.DurableTask.Testing.Sidecar;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The package's <see cref="InMemoryOrchestrationService"/> with its own concurrency limit: every call is
/// forwarded except the two <c>MaxConcurrentTask*WorkItems</c> getters, which the package hard-wires to
/// <see cref="Environment.ProcessorCount"/> and its dispatchers read as the work items in flight before
/// they sleep 500 ms.
/// </summary>
public class InMemoryDurableBackend : DispatchProxy
{
    private InMemoryOrchestrationService _inner = null!;
    private int _maxConcurrentWorkItems;

    public static IInMemoryDurableBackend Create(int maxConcurrentWorkItems)
    {
        var backend = Create<IInMemoryDurableBackend, InMemoryDurableBackend>();
        var proxy = (InMemoryDurableBackend)(object)backend;
        proxy._inner = new InMemoryOrchestrationService(loggerFactory: null);
        proxy._maxConcurrentWorkItems = maxConcurrentWorkItems;
        return backend;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name is "get_MaxConcurrentTaskOrchestrationWorkItems" or "get_MaxConcurrentTaskActivityWorkItems")
        {
            return _maxConcurrentWorkItems;
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }
}
