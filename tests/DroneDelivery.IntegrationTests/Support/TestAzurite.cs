using DroneDelivery.DevHost.Hosting;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>
/// One Azurite (in memory) for the whole test run, started by the first test that needs Azure Storage: installed on
/// first use by eng/get-azurite.sh, as the local host does. Each user gets its own task hub on it. It stops when the
/// test process exits (and, being supervised, when the process is killed).
/// </summary>
public static class TestAzurite
{
    private static readonly Lazy<Azurite> Shared = new(() =>
    {
        var azurite = Azurite.Start(location: null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
        return azurite;
    });

    public static string ConnectionString => Shared.Value.ConnectionString;

    /// <summary>The Azurite itself (its ports, for a test that puts a network of its own in front of it).</summary>
    public static Azurite Instance => Shared.Value;

    /// <summary>A task hub name of its own (letters and digits, 3–45 characters, as the provider wants).</summary>
    public static string NewHubName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(45, prefix.Length + 32)];
}
