namespace DroneDelivery.Deployment.Tests.Infrastructure;

/// <summary>helm, as fetched by eng/get-helm.sh. Missing helm is a failure, never a skip.</summary>
public sealed class Helm
{
    public const string ReleaseName = "dronedelivery";
    public const string Namespace = "dronedelivery";

    private readonly string _repoRoot;

    private Helm(string repoRoot, string executable)
    {
        _repoRoot = repoRoot;
        Executable = executable;
    }

    public string Executable { get; }

    public string ChartPath => Path.Combine(_repoRoot, "charts", "dronedelivery");

    public static Helm Ensure(string repoRoot)
    {
        var script = Path.Combine(repoRoot, "eng", "get-helm.sh");
        var result = ProcessRunner.Run("bash", repoRoot, script);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"eng/get-helm.sh failed - helm is required for these tests.{Environment.NewLine}{result}");
        }

        var executable = result.StandardOutput.Trim().Split('\n')[^1].Trim();
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"eng/get-helm.sh printed '{executable}', which does not exist.");
        }

        return new Helm(repoRoot, executable);
    }

    public ProcessResult Lint(string? valuesFile) =>
        ProcessRunner.Run(Executable, _repoRoot, WithValues(["lint", "--strict", ChartPath], valuesFile));

    public ProcessResult Template(string? valuesFile) =>
        ProcessRunner.Run(Executable, _repoRoot,
            WithValues(["template", ReleaseName, ChartPath, "--namespace", Namespace], valuesFile));

    private static string[] WithValues(string[] arguments, string? valuesFile) =>
        valuesFile is null ? arguments : [.. arguments, "--values", valuesFile];
}
