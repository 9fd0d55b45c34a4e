namespace DroneDelivery.Deployment.Tests.Infrastructure;

/// <summary>
/// One rendered Kubernetes object as a plain tree: mappings are
/// <see cref="IReadOnlyDictionary{TKey, TValue}"/> of string, sequences are lists, scalars strings.
/// </summary>
public sealed class Manifest(IReadOnlyDictionary<string, object?> root)
{
    public IReadOnlyDictionary<string, object?> Root { get; } = root;

    public string ApiVersion => Root.Str("apiVersion");

    public string Kind => Root.Str("kind");

    public string Name => Root.Map("metadata").Str("name");

    public IReadOnlyDictionary<string, object?> Spec => Root.Map("spec");

    public IReadOnlyDictionary<string, string> Labels => Root.Map("metadata").StringMap("labels");

    public IReadOnlyDictionary<string, string> Annotations => Root.Map("metadata").StringMap("annotations");

    public override string ToString() => $"{Kind}/{Name} ({ApiVersion})";
}

/// <summary>Navigation over the plain tree, failing with the missing path.</summary>
public static class Tree
{
    public static IReadOnlyDictionary<string, object?> Map(this IReadOnlyDictionary<string, object?> node, string key) =>
        node.MapOrNull(key) ?? throw new KeyNotFoundException($"mapping '{key}' missing");

    public static IReadOnlyDictionary<string, object?>? MapOrNull(this IReadOnlyDictionary<string, object?> node, string key) =>
        node.TryGetValue(key, out var value) ? value as IReadOnlyDictionary<string, object?> : null;

    public static IReadOnlyList<object?> List(this IReadOnlyDictionary<string, object?> node, string key) =>
        node.TryGetValue(key, out var value) && value is IReadOnlyList<object?> list ? list : [];

    public static IEnumerable<IReadOnlyDictionary<string, object?>> Maps(this IReadOnlyDictionary<string, object?> node, string key) =>
        node.List(key).OfType<IReadOnlyDictionary<string, object?>>();

    public static string Str(this IReadOnlyDictionary<string, object?> node, string key) =>
        node.StrOrNull(key) ?? throw new KeyNotFoundException($"scalar '{key}' missing");

    public static string? StrOrNull(this IReadOnlyDictionary<string, object?> node, string key) =>
        node.TryGetValue(key, out var value) ? value as string : null;

    public static IReadOnlyDictionary<string, string> StringMap(this IReadOnlyDictionary<string, object?> node, string key) =>
        node.MapOrNull(key)?.ToDictionary(p => p.Key, p => p.Value as string ?? string.Empty, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, object?> Path(this IReadOnlyDictionary<string, object?> node, params string[] keys) =>
        keys.Aggregate(node, (current, key) => current.Map(key));
}
