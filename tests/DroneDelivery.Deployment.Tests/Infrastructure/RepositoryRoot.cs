namespace DroneDelivery.Deployment.Tests.Infrastructure;

/// <summary>Finds the repository root: the first parent folder holding the chart.</summary>
public static class RepositoryRoot
{
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "charts", "dronedelivery", "Chart.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No parent of {AppContext.BaseDirectory} contains charts/dronedelivery/Chart.yaml.");
    }
}
