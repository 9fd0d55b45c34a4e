using System.Reflection;
using System.Runtime.ExceptionServices;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// Wraps a store's repository: while the switchboard has the store down, every call fails the way
/// that store fails in an outage; otherwise the call goes through.
/// </summary>
public class StoreOutageProxy<TRepository> : DispatchProxy
    where TRepository : class
{
    private TRepository _inner = null!;
    private FaultSwitchboard _faults = null!;
    private string _store = null!;
    private Func<Exception> _outage = null!;

    public static TRepository Wrap(TRepository inner, FaultSwitchboard faults, string store, Func<Exception> outage)
    {
        var proxy = Create<TRepository, StoreOutageProxy<TRepository>>();
        var self = (StoreOutageProxy<TRepository>)(object)proxy;
        self._inner = inner;
        self._faults = faults;
        self._store = store;
        self._outage = outage;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (_faults.IsDown(_store))
        {
            throw _outage();
        }

        try
        {
            return targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }
}
