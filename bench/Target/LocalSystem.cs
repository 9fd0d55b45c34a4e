using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace DroneDelivery.Bench.Target;

/// <summary>
/// The local host started as a child process (so its working set is its own), on a free loopback
/// port, with a redis-server the bench also started — so the bare-GET baseline reads the very
/// store the host writes. The drone simulator is off: the pipeline is measured up to scheduling,
/// and a fleet as large as the run keeps every delivery from waiting for a drone.
/// </summary>
public sealed class LocalSystem : IDisposable
{
    private const string RedisServer = "/usr/bin/redis-server";
    private static readonly string[] BenchRoles = ["Deliveries.Partner", "Deliveries.Admin"];
    private readonly List<ChildProcess> _children = [];

    private LocalSystem()
    {
    }

    public Uri BaseUrl { get; private set; } = null!;

    public string? Redis { get; private set; }

    public ChildProcess Host { get; private set; } = null!;

    /// <summary>
    /// The <c>Authorization</c> header the bench sends: a development-issuer token for a partner and
    /// admin (it requests deliveries for many owners and reads their status).
    /// </summary>
    public KeyValuePair<string, string> Authorization { get; private set; }

    /// <summary>The <c>x-functions-key</c> header of the delivery app's internal routes (the record writes), a key made for this host.</summary>
    public KeyValuePair<string, string> DeliveryKey { get; } = new("x-functions-key", Guid.NewGuid().ToString("N"));

    /// <summary>Starts Redis and the host; <paramref name="name"/> prefixes their log files, <paramref name="hostArguments"/> adds configuration.</summary>
    public static async Task<LocalSystem> StartAsync(BenchOptions options, string repoRoot, string resultsDirectory, string name, params string[] hostArguments)
    {
        var system = new LocalSystem();
        try
        {
            await system.StartRedisAsync(options, Path.Combine(resultsDirectory, $"{name}-redis-server.log"));
            await system.StartHostAsync(options, HostDll(options, repoRoot), Path.Combine(resultsDirectory, $"{name}-host.log"), hostArguments);
            return system;
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    /// <summary>Starts another host build (<paramref name="dll"/>) on <paramref name="beside"/>'s Redis: two builds measured against one store.</summary>
    public static async Task<LocalSystem> StartBesideAsync(LocalSystem beside, BenchOptions options, string dll, string resultsDirectory, string name)
    {
        var system = new LocalSystem { Redis = beside.Redis };
        try
        {
            await system.StartHostAsync(options, dll, Path.Combine(resultsDirectory, $"{name}-host.log"), []);
            return system;
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var child in Enumerable.Reverse(_children))
        {
            child.Dispose();
        }
    }

    private async Task StartRedisAsync(BenchOptions options, string logPath)
    {
        if (options.Redis is not null || !File.Exists(RedisServer))
        {
            // Either the caller's Redis, or none: the host then embeds Garnet and the bare-GET baseline is skipped.
            Redis = options.Redis;
            return;
        }

        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        _children.Add(ChildProcess.Start(RedisServer, ["--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no"],
            new Dictionary<string, string>(), Path.GetDirectoryName(logPath)!, logPath));
        Redis = $"127.0.0.1:{port}";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(Redis);
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string HostDll(BenchOptions options, string repoRoot) =>
        options.HostDll ?? Path.Combine(repoRoot, "functions", "DevHost", "bin", "Release", "net10.0", "DroneDelivery.DevHost.dll");

    private async Task StartHostAsync(BenchOptions options, string dll, string logPath, string[] hostArguments)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The local host is not built: {dll}. Run `dotnet build -c Release functions/DevHost` first (or pass --host-dll).");
        }

        BaseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var arguments = new List<string>
        {
            dll,
            "--urls", BaseUrl.ToString().TrimEnd('/'),
            "--Logging:LogLevel:Default", "Warning",
            "--Simulator:Enabled", "false",
            "--Embedded:DataDirectory", ":memory:",
            "--Fleet:Size", options.Fleet.ToString(CultureInfo.InvariantCulture),
            "--FunctionKeys:Deliveries", DeliveryKey.Value,
        };
        if (Redis is not null)
        {
            arguments.AddRange(["--Redis:ConnectionString", Redis]);
        }

        arguments.AddRange(hostArguments);
        arguments.AddRange(options.HostArguments);
        Host = ChildProcess.Start("dotnet", arguments,
            options.ProcessorCount > 0
                ? new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = options.ProcessorCount.ToString(CultureInfo.InvariantCulture) }
                : new Dictionary<string, string>(),
            Path.GetDirectoryName(dll)!,
            logPath);
        _children.Add(Host);
        await WaitUntilReadyAsync();
        Authorization = new("Authorization", $"Bearer {await MintTokenAsync("bench", BenchRoles)}");
    }

    /// <summary>A development-issuer bearer token for <paramref name="subject"/> (an owner, for a customer's token) with <paramref name="roles"/>.</summary>
    public async Task<string> MintTokenAsync(string subject, params string[] roles)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.PostAsJsonAsync("local/token", new { subject, roles, minutes = 24 * 60 });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return answer.GetProperty("accessToken").GetString()!;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            if (Host.HasExited)
            {
                throw new InvalidOperationException("The local host exited during start-up; see its host.log in the results folder.");
            }

            try
            {
                using var response = await http.GetAsync("api/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The local host did not become ready within 2 minutes.");
    }
}
