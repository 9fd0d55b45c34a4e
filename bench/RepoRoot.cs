namespace DroneDelivery.Bench;

/// <summary>The repository's root: the nearest folder up from the working directory that holds DroneDelivery.sln.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DroneDelivery.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
