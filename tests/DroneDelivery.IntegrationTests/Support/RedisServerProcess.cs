using System.Diagnostics;
using System.Net.Sockets;
using DroneDelivery.DevHost.Hosting;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>A throwaway Debian redis-server on a free loopback port, without persistence.</summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _executable;
    private Process _process;

    private RedisServerProcess(string executable, Process process, int port)
    {
        _executable = executable;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"])
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);

    /// <summary>True where CI demands the redis-server tests run rather than skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("REQUIRE_REDIS_SERVER") == "1";

    public static async Task<RedisServerProcess> StartAsync(string executable)
    {
        var port = EmbeddedRedis.FreeLoopbackPort();
        var server = new RedisServerProcess(executable, Launch(executable, port), port);
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>Kills the server (an outage: connections drop, the data is gone, there is no persistence).</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts a fresh server on the same port after <see cref="StopAsync"/>.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        _process = Launch(_executable, Port);
        await WaitUntilListeningAsync();
    }

    private static Process Launch(string executable, int port) =>
        Process.Start(new ProcessStartInfo(executable, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start.");

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await DisposeAsync();
        throw new InvalidOperationException($"redis-server did not listen on port {Port}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
