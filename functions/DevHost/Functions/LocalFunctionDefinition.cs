using System.Collections.Immutable;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DevHost.Functions;

/// <summary>A function's definition as the worker would give it: its name as id, its entry point, its assembly and parameters.</summary>
internal sealed class LocalFunctionDefinition(string name, MethodInfo method) : FunctionDefinition
{
    public override ImmutableArray<FunctionParameter> Parameters { get; } =
        [.. method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType))];

    public override string PathToAssembly { get; } = method.DeclaringType!.Assembly.Location;

    public override string EntryPoint { get; } = $"{method.DeclaringType!.FullName}.{method.Name}";

    public override string Id => name;

    public override string Name => name;

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;
}
