using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Platform.Pipeline;

/// <summary>What a function declares for the pipeline: its authentication policy and the store whose outage it answers (null: none).</summary>
public sealed record FunctionPolicy(string? Authentication, string? OutageStore)
{
    public static readonly FunctionPolicy None = new(null, null);
}

/// <summary>
/// Each function's <see cref="FunctionPolicy"/>, read once from the attributes on the method its
/// definition's entry point names (<c>Namespace.Class.Method</c>, as functions.metadata and the local
/// host give it) and kept for the process.
/// </summary>
public sealed class FunctionPolicies
{
    private readonly ConcurrentDictionary<string, FunctionPolicy> _policies = new(StringComparer.Ordinal);

    public FunctionPolicy Of(FunctionContext context) =>
        _policies.GetOrAdd(context.FunctionDefinition.Id, static (_, definition) => Read(definition), context.FunctionDefinition);

    private static FunctionPolicy Read(FunctionDefinition definition)
    {
        var method = EntryPoint(definition);
        if (method is null)
        {
            return FunctionPolicy.None;
        }

        return new FunctionPolicy(
            method.GetCustomAttribute<AuthenticateAttribute>()?.Policy,
            method.GetCustomAttribute<AnswersStoreOutageAttribute>()?.Store);
    }

    /// <summary>The <c>[Function]</c> method of the entry point, or null when it names none (a function of another kind of worker).</summary>
    private static MethodInfo? EntryPoint(FunctionDefinition definition)
    {
        var entryPoint = definition.EntryPoint;
        var dot = entryPoint.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var (typeName, methodName) = (entryPoint[..dot], entryPoint[(dot + 1)..]);
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetType(typeName)).FirstOrDefault(found => found is not null)
            ?? (File.Exists(definition.PathToAssembly) ? Assembly.LoadFrom(definition.PathToAssembly).GetType(typeName) : null);
        return type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .FirstOrDefault(method => method.Name == methodName && method.GetCustomAttribute<FunctionAttribute>() is not null);
    }
}
