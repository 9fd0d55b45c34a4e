using System.Reflection;

namespace DroneDelivery.Deployment.Tests.Infrastructure;

/// <summary>
/// Finds the repository root: the first parent of the test output holding the chart, or - when the
/// output is outside the repository (<c>--artifacts-path</c>) - the folder recorded at build time.
/// </summary>
public static class RepositoryRoot
{
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (HoldsChart(dir.FullName))
            {
                return dir.FullName;
            }
        }

        var recorded = typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (!string.IsNullOrEmpty(recorded) && HoldsChart(recorded))
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(recorded));
        }

        throw new InvalidOperationException(
            $"Neither a parent of {AppContext.BaseDirectory} nor the build-time repository root '{recorded}' contains charts/dronedelivery/Chart.yaml.");
    }

    private static bool HoldsChart(string dir) => File.Exists(Path.Combine(dir, "charts", "dronedelivery", "Chart.yaml"));
}
