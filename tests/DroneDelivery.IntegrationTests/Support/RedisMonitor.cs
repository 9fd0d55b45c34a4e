using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>
/// Reads a redis-server's <c>MONITOR</c> stream and remembers when each client address last
/// authenticated (<c>AUTH</c>, or <c>HELLO</c> with <c>AUTH</c>; the server redacts the secrets).
/// </summary>
public sealed class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastAuthentication = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _markers = new(StringComparer.Ordinal);
    private readonly Task _reading;

    private RedisMonitor(TcpClient client, StreamReader reader)
    {
        _client = client;
        _reader = reader;
        _reading = Task.Run(ReadAsync);
    }

    public static async Task<RedisMonitor> StartAsync(int port, string defaultUserPassword)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {defaultUserPassword}\r\nMONITOR\r\n"));
        var reader = new StreamReader(stream, Encoding.UTF8);
        for (var reply = 0; reply < 2; reply++)
        {
            var line = await reader.ReadLineAsync();
            if (line != "+OK")
            {
                client.Dispose();
                throw new InvalidOperationException($"MONITOR did not start: {line}");
            }
        }

        return new RedisMonitor(client, reader);
    }

    /// <summary>When the client at <paramref name="address"/> last authenticated, as the server's clock says.</summary>
    public DateTimeOffset? LastAuthentication(string address) =>
        _lastAuthentication.TryGetValue(address, out var at) ? at : null;

    /// <summary>Waits until the stream has caught up with everything the server ran before <paramref name="echo"/> sent its marker.</summary>
    public async Task CatchUpAsync(Func<string, Task> echo)
    {
        var marker = $"monitor-marker-{Guid.NewGuid():N}";
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _markers[marker] = seen;
        await echo(marker);
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _reader.ReadLineAsync(_stopping.Token) is { } line)
            {
                Record(line);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped, or the server went away.
        }
    }

    /// <summary>One line: <c>+1796590747.070147 [0 127.0.0.1:37870] "AUTH" "(redacted)" "(redacted)"</c>.</summary>
    private void Record(string line)
    {
        var open = line.IndexOf(" [", StringComparison.Ordinal);
        var close = line.IndexOf("] ", StringComparison.Ordinal);
        if (!line.StartsWith('+') || open < 0 || close < open)
        {
            return;
        }

        var client = line[(open + 2)..close];
        var address = client[(client.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var arguments = line[(close + 2)..].Split(' ');
        var command = arguments[0].Trim('"');
        if (command.Equals("AUTH", StringComparison.OrdinalIgnoreCase)
            || (command.Equals("HELLO", StringComparison.OrdinalIgnoreCase) && arguments.Any(argument => argument.Trim('"').Equals("AUTH", StringComparison.OrdinalIgnoreCase))))
        {
            // Seconds and microseconds: a token is often used within the millisecond it was issued in.
            var time = line[1..open].Split('.');
            _lastAuthentication[address] = DateTimeOffset.UnixEpoch
                .AddSeconds(long.Parse(time[0], CultureInfo.InvariantCulture))
                .AddTicks(long.Parse(time[1], CultureInfo.InvariantCulture) * (TimeSpan.TicksPerMillisecond / 1000));
        }
        else if (command.Equals("ECHO", StringComparison.OrdinalIgnoreCase) && arguments.Length > 1 && _markers.TryRemove(arguments[1].Trim('"'), out var seen))
        {
            seen.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _client.Dispose();
        await _reading;
        _reader.Dispose();
        _stopping.Dispose();
    }
}
