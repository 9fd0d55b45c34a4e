using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace DroneDelivery.DevHost.Stores;

/// <summary>
/// Wraps a repository so each call is a client span named <c>{operation} {collection}</c> with the
/// database semantic-convention tags (<c>db.system.name</c>, <c>db.collection.name</c>,
/// <c>db.operation.name</c>); the span ends when the returned task does, in error when it faults.
/// One decorator for every repository interface, instead of a span in each method.
/// </summary>
public class TracedStore<TRepository> : DispatchProxy
    where TRepository : class
{
    private TRepository _inner = null!;
    private string _system = string.Empty;
    private string _collection = string.Empty;

    public static TRepository Wrap(TRepository inner, string system, string collection)
    {
        var proxy = Create<TRepository, TracedStore<TRepository>>();
        var traced = (TracedStore<TRepository>)(object)proxy;
        traced._inner = inner;
        traced._system = system;
        traced._collection = collection;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var caller = Activity.Current;
        var operation = targetMethod.Name.EndsWith("Async", StringComparison.Ordinal) ? targetMethod.Name[..^5] : targetMethod.Name;
        var span = StoreTelemetry.Source.StartActivity($"{operation} {_collection}", ActivityKind.Client);
        span?.SetTag("db.system.name", _system);
        span?.SetTag("db.collection.name", _collection);
        span?.SetTag("db.operation.name", operation);
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            End(span, exception.InnerException);
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
        finally
        {
            // The caller goes on under its own span, whether or not the call has finished.
            Activity.Current = caller;
        }

        if (span is not null && result is Task { IsCompleted: false } pending)
        {
            pending.ContinueWith(static (task, state) => End((Activity)state!, task.Exception?.InnerException), span, TaskScheduler.Default);
        }
        else
        {
            End(span, (result as Task)?.Exception?.InnerException);
        }

        return result;
    }

    private static void End(Activity? span, Exception? failure)
    {
        if (span is null)
        {
            return;
        }

        if (failure is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, failure.Message);
            span.SetTag("error.type", failure.GetType().FullName);
        }

        span.Dispose();
    }
}
