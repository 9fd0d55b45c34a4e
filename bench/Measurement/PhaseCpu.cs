using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace DroneDelivery.Bench.Measurement;

/// <summary>
/// What a phase cost the processes it loaded, per operation: the local host's CPU time (from the
/// process, when the bench started it), the Redis server's (<c>INFO cpu</c>: its user and system
/// seconds, when the bench can read them) and the bench's own (its clients, and a baseline's bare
/// endpoint), each read before and after the phase. Redis runs commands on one thread, so its time per
/// operation bounds the rate: at most 1,000,000 / µs per second.
/// </summary>
public sealed class PhaseCpu : IAsyncDisposable
{
    private readonly int? _hostProcessId;
    private readonly ConnectionMultiplexer? _redis;

    private PhaseCpu(int? hostProcessId, ConnectionMultiplexer? redis)
    {
        _hostProcessId = hostProcessId;
        _redis = redis;
    }

    /// <summary>Measures the host process <paramref name="hostProcessId"/> and the Redis at <paramref name="redis"/>, either when given.</summary>
    public static async Task<PhaseCpu> StartAsync(int? hostProcessId, string? redis) =>
        new(hostProcessId, redis is null ? null : await ConnectionMultiplexer.ConnectAsync(WithAdmin(redis)));

    /// <summary>The client library lets only admin connections send <c>INFO</c>.</summary>
    private static ConfigurationOptions WithAdmin(string redis)
    {
        var configuration = ConfigurationOptions.Parse(redis);
        configuration.AllowAdmin = true;
        return configuration;
    }

    /// <summary>The most operations a second the Redis server can serve at <paramref name="phase"/>'s CPU per operation (its commands run on one thread).</summary>
    public static double? RedisBound(PhaseResult phase) => phase.RedisCpuUsPerOperation is > 0 and var us ? 1_000_000 / us : null;

    /// <summary>The server's user and system CPU seconds from its <c>INFO cpu</c> answer; null when it does not give them (Garnet).</summary>
    public static double? CpuSeconds(string info) => Field(info, "used_cpu_user") + Field(info, "used_cpu_sys");

    /// <summary>
    /// Runs <paramref name="phase"/> and adds, per operation (succeeded and failed), the bench's CPU, the Redis server's and,
    /// when the phase loads the host (<paramref name="onHost"/>; a baseline in this process does not), the host's.
    /// </summary>
    public async Task<PhaseResult> MeasureAsync(Func<Task<PhaseResult>> phase, bool onHost = true)
    {
        var hostBefore = onHost ? HostSeconds() : null;
        var redisBefore = await RedisSecondsAsync();
        var benchBefore = BenchSeconds();
        var result = await phase();
        var benchAfter = BenchSeconds();
        var hostAfter = onHost ? HostSeconds() : null;
        var redisAfter = await RedisSecondsAsync();
        var operations = Math.Max(1, result.Succeeded + result.Failed);
        return result with
        {
            HostCpuMsPerOperation = hostAfter - hostBefore is { } host ? host * 1000 / operations : result.HostCpuMsPerOperation,
            RedisCpuUsPerOperation = redisAfter - redisBefore is { } store ? store * 1_000_000 / operations : null,
            BenchCpuUsPerOperation = (benchAfter - benchBefore) * 1_000_000 / operations,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    /// <summary>
    /// The CPU a bare endpoint in the bench spends per request: the bench's CPU per request while it serves
    /// <paramref name="baseline"/> less its CPU per request while only its clients run against the host in
    /// <paramref name="target"/> (the same clients and requests). An estimate: the answers differ in size.
    /// </summary>
    public static double? BareServerUs(PhaseResult baseline, PhaseResult target) =>
        baseline.BenchCpuUsPerOperation - target.BenchCpuUsPerOperation is > 0 and var server ? server : null;

    private static double BenchSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private double? HostSeconds()
    {
        if (_hostProcessId is not { } id)
        {
            return null;
        }

        using var process = Process.GetProcessById(id);
        return process.TotalProcessorTime.TotalSeconds;
    }

    private async Task<double?> RedisSecondsAsync()
    {
        if (_redis is null)
        {
            return null;
        }

        try
        {
            return CpuSeconds((string?)await _redis.GetDatabase().ExecuteAsync("INFO", "cpu") ?? string.Empty);
        }
        catch (RedisException)
        {
            // A managed Redis may refuse INFO: the phase is still measured, without the store's share.
            return null;
        }
    }

    private static double? Field(string info, string name)
    {
        var line = info.Split('\n').FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(name.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
    }
}
