namespace DroneDelivery.Stores.Redis;

/// <summary>
/// Configuration section <c>Redis</c>. The timeouts make an outage answer fast: a command fails
/// when the connection is down (no backlog) and when the server does not answer in time.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    public string? ConnectionString { get; set; }

    /// <summary>
    /// <see cref="RedisAuthentication.EntraId"/> signs in with the app's <c>TokenCredential</c>
    /// (workload identity on AKS); the default uses the connection string as it is.
    /// </summary>
    public RedisAuthentication Authentication { get; set; }

    /// <summary>Time allowed to (re)connect.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time a command may take before it fails with a timeout.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
