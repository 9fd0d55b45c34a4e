namespace DroneDelivery.Deployment.Tests.Infrastructure;

/// <summary>
/// Shared by every test: fetches helm, lints and renders the chart once for the default values
/// and for values-production.yaml. Any failure here fails every test (no silent skip).
/// </summary>
public sealed class ChartFixture
{
    public const string DefaultValues = "default";
    public const string ProductionValues = "production";

    public ChartFixture()
    {
        RepoRoot = RepositoryRoot.Locate();
        Helm = Helm.Ensure(RepoRoot);
        ProductionValuesFile = System.IO.Path.Combine(Helm.ChartPath, "values-production.yaml");

        Lint = new Dictionary<string, ProcessResult>(StringComparer.Ordinal)
        {
            [DefaultValues] = Helm.Lint(null),
            [ProductionValues] = Helm.Lint(ProductionValuesFile),
        };
        Charts = new Dictionary<string, RenderedChart>(StringComparer.Ordinal)
        {
            [DefaultValues] = Render(DefaultValues, null),
            [ProductionValues] = Render(ProductionValues, ProductionValuesFile),
        };
    }

    public string RepoRoot { get; }

    public Helm Helm { get; }

    public string ProductionValuesFile { get; }

    public IReadOnlyDictionary<string, ProcessResult> Lint { get; }

    public IReadOnlyDictionary<string, RenderedChart> Charts { get; }

    /// <summary>Renders the chart with the default values plus <paramref name="yaml"/> (for options off by default).</summary>
    public RenderedChart RenderWith(string name, string yaml)
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dronedelivery-{name}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            return Render(name, file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private RenderedChart Render(string name, string? valuesFile)
    {
        var result = Helm.Template(valuesFile);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"helm template failed for {name} values:{Environment.NewLine}{result}");
        }

        return RenderedChart.Parse(name, result.StandardOutput);
    }
}

/// <summary>One fixture instance for all test classes.</summary>
[CollectionDefinition(Name)]
public sealed class ChartCollection : ICollectionFixture<ChartFixture>
{
    public const string Name = "Rendered chart";
}

/// <summary>Theory data: both values files.</summary>
public static class ValuesSets
{
    public static TheoryData<string> Both => new(ChartFixture.DefaultValues, ChartFixture.ProductionValues);

    public static TheoryData<string, string> BothTimesApps
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var values in new[] { ChartFixture.DefaultValues, ChartFixture.ProductionValues })
            {
                foreach (var app in RenderedChart.Apps)
                {
                    data.Add(values, app);
                }
            }

            return data;
        }
    }
}
