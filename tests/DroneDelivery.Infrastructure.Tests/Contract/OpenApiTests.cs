using System.Text.Json.Nodes;
using DroneDelivery.Infrastructure.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DroneDelivery.Infrastructure.Tests.Contract;

/// <summary>docs/openapi.yaml describes exactly the customer routes the apps' functions serve.</summary>
public sealed class OpenApiTests
{
    /// <summary>Open to anyone but not customer API: probes, the scrape and the drones' route (docs/drones.md).</summary>
    private static readonly string[] NotCustomerRoutes = ["health/live", "health/ready", "metrics", "droneevents"];

    [Fact]
    public void TheOpenApiDocument_DescribesEveryCustomerRoute_AndNoOther()
    {
        var served = AppComposition.Apps.Values
            .SelectMany(app => HttpTriggers(app.Assembly.GetName().Name!))
            .Where(trigger => (string?)trigger["authLevel"] == "Anonymous" && !NotCustomerRoutes.Contains((string?)trigger["route"]))
            .SelectMany(trigger => trigger["methods"]!.AsArray().Select(method => $"{((string)method!).ToUpperInvariant()} /api/{(string?)trigger["route"]}"))
            .ToHashSet(StringComparer.Ordinal);

        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryRoot.PathOf("docs", "openapi.yaml"))));
        var paths = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("paths")];
        var described = paths.Children
            .SelectMany(path => ((YamlMappingNode)path.Value).Children.Keys.Cast<YamlScalarNode>()
                .Where(key => key.Value is "get" or "post" or "put" or "patch" or "delete")
                .Select(method => $"{method.Value!.ToUpperInvariant()} {((YamlScalarNode)path.Key).Value}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(served.Order(StringComparer.Ordinal), described.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<JsonObject> HttpTriggers(string assembly) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "metadata", $"{assembly}.functions.metadata")))!.AsArray()
            .SelectMany(function => function!["bindings"]!.AsArray())
            .Select(binding => binding!.AsObject())
            .Where(binding => (string?)binding["type"] == "httpTrigger");
}
