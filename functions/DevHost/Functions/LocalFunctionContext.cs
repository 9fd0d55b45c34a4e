using System.Diagnostics;
using DroneDelivery.Platform.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DevHost.Functions;

/// <summary>
/// The <see cref="FunctionContext"/> the local host passes to the function pipeline and the function:
/// its services, binding data, trace context, HTTP context and result.
/// </summary>
public sealed class LocalFunctionContext(
    FunctionDescriptor function,
    IServiceProvider services,
    IReadOnlyDictionary<string, object?> bindingData,
    CancellationToken cancellationToken,
    HttpContext? httpContext = null) : FunctionContext, IInvocationResultHolder
{
    /// <summary>
    /// Where the worker's ASP.NET Core integration keeps an invocation's <see cref="HttpContext"/>, so
    /// <c>GetHttpContext()</c> finds it here as it does in the worker (a test pins that it still does).
    /// </summary>
    public const string HttpContextKey = "HttpRequestContext";

    // Built when a function asks for them: every HTTP request and activity creates a context, few read these.
    private string? _invocationId;
    private BindingContext? _bindingContext;
    private IDictionary<object, object>? _items;
    private IInvocationFeatures? _features;

    public override string InvocationId => _invocationId ??= Guid.NewGuid().ToString();

    public override string FunctionId => function.Name;

    public override TraceContext TraceContext { get; } = new LocalTraceContext(Activity.Current?.Id ?? string.Empty, Activity.Current?.TraceStateString ?? string.Empty);

    public override BindingContext BindingContext => _bindingContext ??= new LocalBindingContext(bindingData);

    public override RetryContext RetryContext { get; } = LocalRetryContext.None;

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => function.Definition;

    public override IDictionary<object, object> Items
    {
        get => _items ??= httpContext is null ? [] : new Dictionary<object, object> { [HttpContextKey] = httpContext };
        set => _items = value;
    }

    public override IInvocationFeatures Features => _features ??= new LocalInvocationFeatures();

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    public object? InvocationResult { get; set; }

    private sealed class LocalTraceContext(string traceParent, string traceState) : TraceContext
    {
        public override string TraceParent { get; } = traceParent;

        public override string TraceState { get; } = traceState;
    }

    private sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }

    private sealed class LocalRetryContext : RetryContext
    {
        public static readonly LocalRetryContext None = new();

        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }

    private sealed class LocalInvocationFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
