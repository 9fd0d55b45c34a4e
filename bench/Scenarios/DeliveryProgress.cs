using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// Follows a memory run from the local host's own figures, every <see cref="Interval"/>: deliveries
/// ended (the <c>dronedelivery_deliveries_ended_total</c> counter of <c>/api/metrics</c>, by stage) and
/// what its Durable backend holds (<c>/local/orchestrations</c>: instances, pending timers).
/// </summary>
public sealed partial class DeliveryProgress(HttpClient http, Func<double> elapsedSeconds) : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly List<ProgressSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _ended;

    /// <summary>Deliveries that reached an end (Completed, Failed or Cancelled) at the last reading.</summary>
    public long Ended => Interlocked.Read(ref _ended);

    public IReadOnlyList<ProgressSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public void Start() => _loop = Task.Run(LoopAsync);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    /// <summary>Sums <c>dronedelivery_deliveries_ended_total</c> by its <c>stage</c> label in a Prometheus text exposition.</summary>
    public static IReadOnlyDictionary<string, long> EndedByStage(string exposition)
    {
        var byStage = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match match in EndedLine().Matches(exposition))
        {
            var stage = match.Groups["stage"].Value;
            byStage[stage] = byStage.GetValueOrDefault(stage) + (long)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return byStage;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await SampleAsync();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private async Task SampleAsync()
    {
        try
        {
            var ended = EndedByStage(await http.GetStringAsync("api/metrics", _stop.Token));
            var backend = await http.GetFromJsonAsync<JsonElement>("local/orchestrations", _stop.Token);
            var instances = backend.GetProperty("instances").EnumerateObject().Sum(status => status.Value.GetInt32());
            var sample = new ProgressSample(Math.Round(elapsedSeconds(), 2), ended.Values.Sum(), ended.GetValueOrDefault("Completed"),
                instances, backend.GetProperty("pendingTimers").GetInt32());
            Interlocked.Exchange(ref _ended, sample.Ended);
            lock (_samples)
            {
                _samples.Add(sample);
            }
        }
        catch (HttpRequestException exception)
        {
            Console.Error.WriteLine($"  progress reading failed: {exception.Message}");
        }
    }

    [GeneratedRegex("""^dronedelivery_deliveries_ended_total\{[^}]*stage="(?<stage>[^"]+)"[^}]*\}\s+(?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex EndedLine();
}

/// <summary>A reading of a memory run: seconds on the sampler's clock, deliveries ended (all, completed), Durable instances held and timers pending.</summary>
public sealed record ProgressSample(double AtSeconds, long Ended, long Completed, int Instances, int PendingTimers);
