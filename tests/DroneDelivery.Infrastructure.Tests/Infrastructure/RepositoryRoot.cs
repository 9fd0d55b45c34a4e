namespace DroneDelivery.Infrastructure.Tests.Infrastructure;

/// <summary>Finds the repository root: the first parent folder holding infra/main.bicep.</summary>
public static class RepositoryRoot
{
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "infra", "main.bicep")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No parent of {AppContext.BaseDirectory} contains infra/main.bicep.");
    }

    public static string PathOf(params string[] parts) => Path.Combine([Locate(), .. parts]);
}
