using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace DroneDelivery.Deployment.Tests.Infrastructure;

/// <summary>The multi-document output of <c>helm template</c>, parsed.</summary>
public sealed class RenderedChart
{
    public static readonly IReadOnlyList<string> Apps = ["delivery", "dronescheduler", "ingestion", "package", "workflow"];

    private RenderedChart(string valuesName, IReadOnlyList<Manifest> manifests)
    {
        ValuesName = valuesName;
        Manifests = manifests;
    }

    public string ValuesName { get; }

    public IReadOnlyList<Manifest> Manifests { get; }

    public static RenderedChart Parse(string valuesName, string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var manifests = new List<Manifest>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<object?>(parser);
            if (Normalize(document) is IReadOnlyDictionary<string, object?> root)
            {
                manifests.Add(new Manifest(root));
            }
        }

        return new RenderedChart(valuesName, manifests);
    }

    public static string AppObjectName(string app) => $"{Helm.ReleaseName}-{app}";

    public IEnumerable<Manifest> OfKind(string kind) =>
        Manifests.Where(m => string.Equals(m.Kind, kind, StringComparison.Ordinal));

    public Manifest Get(string kind, string name) =>
        FindOrNull(kind, name) ?? throw new KeyNotFoundException($"{kind}/{name} not rendered for {ValuesName} values");

    public Manifest? FindOrNull(string kind, string name) =>
        OfKind(kind).SingleOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    public Manifest Deployment(string app) => Get("Deployment", AppObjectName(app));

    public IReadOnlyDictionary<string, object?> PodSpec(string app) => Deployment(app).Spec.Path("template", "spec");

    public IReadOnlyDictionary<string, string> PodLabels(string app) =>
        Deployment(app).Spec.Path("template", "metadata").StringMap("labels");

    public IEnumerable<IReadOnlyDictionary<string, object?>> Containers(string app) => PodSpec(app).Maps("containers");

    public override string ToString() => ValuesName;

    private static object? Normalize(object? node) => node switch
    {
        IDictionary<object, object?> map => map.ToDictionary(
            p => Convert.ToString(p.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            p => Normalize(p.Value),
            StringComparer.Ordinal),
        IList<object?> list => list.Select(Normalize).ToList(),
        _ => node,
    };
}
