using System.Text.Json;
using System.Text.RegularExpressions;
using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

/// <summary>
/// <c>func start</c> runs its own <c>dotnet build</c>, so no MSBuild flag can be passed: the workflow
/// takes the official Service Bus extension from an environment variable (MSBuild reads every
/// environment variable as a property), and the func start guide (docs/func-start.md) sets it.
/// </summary>
public sealed partial class FuncStartTests
{
    private static readonly string Root = RepositoryRoot.Locate();
    private static readonly string Workflow = Path.Combine("functions", "Workflow", "DroneDelivery.Workflow.csproj");

    [Fact]
    public void WorkflowBuild_WithTheEnvironmentSwitch_ReferencesTheOfficialServiceBusExtensionInsteadOfTheStandIn()
    {
        var items = Evaluate(new Dictionary<string, string> { ["UseOfficialServiceBusExtension"] = "true" });

        Assert.Contains("Microsoft.Azure.Functions.Worker.Extensions.ServiceBus", items.PackageReferences);
        Assert.DoesNotContain(items.Compile, file => file.EndsWith("ServiceBusTriggerAttribute.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void WorkflowBuild_WithoutTheSwitch_CompilesTheStandInAttribute()
    {
        var items = Evaluate(new Dictionary<string, string> { ["UseOfficialServiceBusExtension"] = string.Empty });

        Assert.DoesNotContain("Microsoft.Azure.Functions.Worker.Extensions.ServiceBus", items.PackageReferences);
        Assert.Contains(items.Compile, file => file.EndsWith("ServiceBusTriggerAttribute.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFuncStartGuide_StartsTheWorkflowWithTheOfficialExtensionSwitch()
    {
        var guide = File.ReadAllText(Path.Combine(Root, "docs", "func-start.md"));

        Assert.Matches(WorkflowFuncStart(), guide);
    }

    private static (IReadOnlyList<string> PackageReferences, IReadOnlyList<string> Compile) Evaluate(IReadOnlyDictionary<string, string> environment)
    {
        var result = ProcessRunner.Run("dotnet", Root, environment, "msbuild", Workflow, "-getItem:PackageReference", "-getItem:Compile", "-nologo");
        Assert.True(result.Succeeded, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var items = json.RootElement.GetProperty("Items");
        return (Identities(items, "PackageReference"), Identities(items, "Compile"));
    }

    private static List<string> Identities(JsonElement items, string type) =>
        items.GetProperty(type).EnumerateArray().Select(item => item.GetProperty("Identity").GetString()!).ToList();

    [GeneratedRegex(@"cd functions/Workflow && UseOfficialServiceBusExtension=true func start")]
    private static partial Regex WorkflowFuncStart();
}
