using System.Text.RegularExpressions;
using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

/// <summary>One Dockerfile builds the five apps (<c>--build-arg APP=&lt;folder&gt;</c>); no Docker engine runs here, so its text is checked.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string Root = RepositoryRoot.Locate();
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Root, "functions", "Dockerfile"));

    private static readonly string[] AppFolders = ["Ingestion", "Workflow", "Deliveries", "DroneScheduler", "Packages"];

    public static TheoryData<string> Folders => [.. AppFolders];

    [Theory]
    [MemberData(nameof(Folders))]
    public void TheDockerfile_PublishesEachAppFolderByItsProjectName(string folder)
    {
        Assert.True(File.Exists(Path.Combine(Root, "functions", folder, $"DroneDelivery.{folder}.csproj")), $"functions/{folder}/DroneDelivery.{folder}.csproj is what APP={folder} publishes");
        Assert.False(File.Exists(Path.Combine(Root, "functions", folder, "Dockerfile")), $"functions/{folder}/Dockerfile: one Dockerfile serves every app");
    }

    /// <summary>docs/decisions.md, "An app's names: one rule": folder, project, root namespace and registration carry one name.</summary>
    [Theory]
    [MemberData(nameof(Folders))]
    public void EachApp_FolderProjectNamespaceAndRegistration_CarryOneName(string folder)
    {
        var app = Path.Combine(Root, "functions", folder);
        Assert.Contains($"<RootNamespace>DroneDelivery.{folder}</RootNamespace>", File.ReadAllText(Path.Combine(app, $"DroneDelivery.{folder}.csproj")), StringComparison.Ordinal);
        var registration = File.ReadAllText(Path.Combine(app, "Extensions", $"{folder}Extensions.cs"));
        Assert.Contains($"public static class {folder}Extensions", registration, StringComparison.Ordinal);
        Assert.Contains($"public static IHostApplicationBuilder Add{folder}(this IHostApplicationBuilder builder)", registration, StringComparison.Ordinal);
        Assert.Contains($"builder.Add{folder}();", File.ReadAllText(Path.Combine(app, "Program.cs")), StringComparison.Ordinal);
        var namespaces = Directory.EnumerateFiles(app, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => NamespaceLine().Matches(File.ReadAllText(file)).Select(match => match.Groups["name"].Value))
            // The workflow's stand-in trigger attribute takes the official extension's namespace (functions/Workflow/Bindings).
            .Where(name => name != "Microsoft.Azure.Functions.Worker")
            .ToList();
        Assert.NotEmpty(namespaces);
        Assert.All(namespaces, name => Assert.Matches($@"^DroneDelivery\.{folder}(\.|$)", name));
    }

    [Fact]
    public void TheDockerfile_UsesTheOfficialServiceBusExtension_AndRunsAsTheChartsNonRootUser()
    {
        Assert.Contains("dotnet publish functions/${APP}/DroneDelivery.${APP}.csproj", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("-p:UseOfficialServiceBusExtension=true", Dockerfile, StringComparison.Ordinal);
        Assert.Matches(UserLine(), Dockerfile);
        Assert.Contains("runAsUser: 10001", File.ReadAllText(Path.Combine(Root, "charts", "dronedelivery", "values.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void TheImagePipeline_BuildsEveryAppWithTheOneDockerfile()
    {
        var pipeline = File.ReadAllText(Path.Combine(Root, ".github", "workflows", "ci-cd.yml"));

        Assert.Contains("-f functions/Dockerfile --build-arg APP=${{ matrix.folder }}", pipeline, StringComparison.Ordinal);
        foreach (var folder in AppFolders)
        {
            Assert.Contains($"folder: {folder} }}", pipeline, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"(?m)^USER 10001:10001$")]
    private static partial Regex UserLine();

    [GeneratedRegex(@"(?m)^namespace (?<name>[\w.]+)")]
    private static partial Regex NamespaceLine();
}
