using DroneDelivery.DevHost.Hosting;

namespace DroneDelivery.UnitTests.DevHost;

/// <summary>The repo's host.json, read as the local host reads it for its Durable backend.</summary>
public sealed class HostJsonDurableTests
{
    [Fact]
    public void RepoHostJson_LeasesAzureStoragePartitionsThroughBlobs_NotTheProvidersTableDefault()
    {
        var hostJson = HostJsonDurable.Load(Path.Combine(RepoRoot(), "host.json"));

        Assert.False(hostJson.UseTablePartitionManagement);
        Assert.Equal(4, hostJson.PartitionCount);
        Assert.Equal("dronedelivery", hostJson.HubName);
    }

    [Fact]
    public void StorageProviderSettings_AreReadCaseInsensitively_AndLeftUnsetWhenAbsent()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "extensions": { "DurableTask": { "StorageProvider": { "UseTablePartitionManagement": true } } } }""");
            var set = HostJsonDurable.Load(path);
            File.WriteAllText(path, """{ "extensions": { "durableTask": { "hubName": "h" } } }""");
            var unset = HostJsonDurable.Load(path);

            Assert.True(set.UseTablePartitionManagement);
            Assert.Null(unset.UseTablePartitionManagement);
            Assert.Null(unset.PartitionCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DroneDelivery.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("DroneDelivery.sln not found above the test assembly.");
    }
}
