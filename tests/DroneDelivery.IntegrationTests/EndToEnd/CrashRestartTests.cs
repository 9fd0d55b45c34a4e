using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host as a child process (<c>dotnet DroneDelivery.DevHost.dll</c>) on Azure Storage (Azurite) with a data
/// directory: 50 deliveries requested, the host killed with SIGKILL at a random moment while they are in flight,
/// started again on the same directory. Every accepted delivery reaches a final stage, none twice (no second saga, no
/// second final stage), and no drone stays held. Prints: in flight at the kill, completed after restart, lost, double.
/// </summary>
[Collection(nameof(HeavyLoadCollection))]
public sealed class CrashRestartTests : IDisposable
{
    private const int Deliveries = 50;
    private const string SchedulerKey = "crash-test-scheduler-key";
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lock LogLock = new();

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dronedelivery-crash-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Process> _hosts = [];

    [Fact]
    public async Task AHostKilledMidFlight_FinishesEveryAcceptedDeliveryOnce_AfterARestart()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var seed = Environment.TickCount;
        var random = new Random(seed);

        var (first, http) = await StartHostAsync(cancellation);
        var accepted = new List<string>();
        Dictionary<string, DeliveryStage?> atKill;
        Dictionary<string, string?> createdAt;
        using (http)
        {
            for (var index = 0; index < Deliveries; index++)
            {
                using var response = await http.PostAsync("/api/deliveryrequests", new StringContent(SampleRequests.Json(), Encoding.UTF8, "application/json"), cancellation);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation)).RootElement.GetProperty("deliveryId").GetString()!);
                }
            }

            // A random moment while they are in flight: up to 5 s after the last was accepted. Stages and orchestration
            // starts are read just before the kill (what is not final then was in flight).
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 5_000)), cancellation);
            atKill = await StagesAsync(http, accepted, cancellation);
            createdAt = await OrchestrationStartsAsync(http, accepted, cancellation);
            first.Kill(entireProcessTree: false);
            await first.WaitForExitAsync(cancellation);
        }

        var (_, again) = await StartHostAsync(cancellation);
        using (again)
        {
            var inFlightAtKill = atKill.Count(stage => stage.Value is not { } known || !known.IsFinal());

            var deadline = Stopwatch.StartNew();
            Dictionary<string, DeliveryStage?> final;
            while (true)
            {
                final = await StagesAsync(again, accepted, cancellation);
                if (final.Values.All(stage => stage is { } known && known.IsFinal()) || deadline.Elapsed > SettleTimeout)
                {
                    break;
                }

                File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "crash-restart-progress.txt"), string.Create(CultureInfo.InvariantCulture,
                    $"{deadline.Elapsed.TotalSeconds:F0} s: {string.Join(", ", final.Values.GroupBy(stage => stage?.ToString() ?? "none").Select(group => $"{group.Key} {group.Count()}"))}{Environment.NewLine}"));
                await Task.Delay(1_000, cancellation);
            }

            var lost = final.Where(stage => stage.Value is not { } known || !known.IsFinal()).Select(stage => stage.Key).ToList();
            var doubled = new List<string>();
            foreach (var id in accepted)
            {
                using var eventsResponse = await again.GetAsync($"/api/deliveries/{id}/events", cancellation);
                var events = eventsResponse.IsSuccessStatusCode
                    ? await eventsResponse.Content.ReadFromJsonAsync<TrackingEvent[]>(ContractJson.Options, cancellation) ?? []
                    : [];
                var finalStages = events.Where(e => e.Kind == TrackingKinds.StageChanged && e.Stage is { } s && s.IsFinal()).ToList();
                var restarted = createdAt.TryGetValue(id, out var before) && before is not null
                    && before != (await OrchestrationStartsAsync(again, [id], cancellation)).GetValueOrDefault(id);
                if (finalStages.Count > 1 || restarted)
                {
                    doubled.Add(id);
                }
            }

            // A drone is released just after its delivery is recorded Completed (the same activity): give the last ones a moment.
            var held = await HeldDronesAsync(again, cancellation);
            for (var wait = Stopwatch.StartNew(); held > 0 && wait.Elapsed < TimeSpan.FromSeconds(60); held = await HeldDronesAsync(again, cancellation))
            {
                await Task.Delay(1_000, cancellation);
            }

            var completed = final.Values.Count(stage => stage == DeliveryStage.Completed);
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"crash test (seed {seed}): accepted {accepted.Count}, in flight at the kill {inFlightAtKill}, completed after restart {completed}, " +
                $"other final {final.Count - completed - lost.Count}, lost = {lost.Count}, double = {doubled.Count}, drones held = {held}, settled in {deadline.Elapsed.TotalSeconds:F0} s");
            Report(summary);

            Assert.Equal(Deliveries, accepted.Count);
            Assert.True(lost.Count == 0, $"{summary}; not final: {await DescribeAsync(again, lost, final, cancellation)}");
            Assert.True(doubled.Count == 0, $"{summary}; twice: {string.Join(", ", doubled)}");
            Assert.True(held == 0, $"{summary}; drones still held 60 s later: {held}: {string.Join(" ", (await DronesOnMissionAsync(again, cancellation)).Select(drone => drone.GetRawText()))}");
        }
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                host.WaitForExit(10_000);
            }

            host.Dispose();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still be letting go of its files
        }
    }

    /// <summary>Writes the figures where a test run shows them (the test's output) and beside the test assembly.</summary>
    private static void Report(string summary)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        TestContext.Current.SendDiagnosticMessage(summary);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "crash-restart.txt"), summary + Environment.NewLine);
    }

    private async Task<(Process Host, HttpClient Http)> StartHostAsync(CancellationToken cancellation)
    {
        var dll = DevHostAssembly();
        var url = $"http://127.0.0.1:{EmbeddedRedis.FreeLoopbackPort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[dll, "--urls", url, "--Durable:Backend", "AzureStorage", "--Embedded:DataDirectory", _dataDirectory,
                     "--FunctionKeys:DroneScheduler", SchedulerKey, "--Drones:TimeScale", "600", "--Logging:LogLevel:Default", "Warning"])
        {
            start.ArgumentList.Add(argument);
        }

        var host = Process.Start(start)!;
        _hosts.Add(host);
        var log = Path.Combine(AppContext.BaseDirectory, $"crash-restart-host-{_hosts.Count}.log");
        File.WriteAllText(log, string.Empty);
        host.OutputDataReceived += (_, line) => Append(log, line.Data);
        host.ErrorDataReceived += (_, line) => Append(log, line.Data);
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();

        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var ready = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(host.HasExited, $"the local host exited with {(host.HasExited ? host.ExitCode : 0)} while starting");
            try
            {
                using var live = await http.GetAsync("/api/health/ready", cancellation);
                if (live.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.True(ready.Elapsed < TimeSpan.FromMinutes(2), "the local host did not get ready within 2 min");
            await Task.Delay(250, cancellation);
        }

        using var token = await http.PostAsJsonAsync("/local/token", new { subject = SampleRequests.Owner }, cancellation);
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync(cancellation)).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return (host, http);
    }

    private static async Task<Dictionary<string, DeliveryStage?>> StagesAsync(HttpClient http, IEnumerable<string> ids, CancellationToken cancellation)
    {
        var stages = new Dictionary<string, DeliveryStage?>();
        foreach (var id in ids)
        {
            using var response = await http.GetAsync($"/api/deliveries/{id}/status", cancellation);
            stages[id] = response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<DeliveryStatus>(ContractJson.Options, cancellation))!.Stage
                : null;
        }

        return stages;
    }

    /// <summary>The drone scheduler's answer at <paramref name="path"/> (read with its function key).</summary>
    private static async Task<JsonElement> SchedulerAsync(HttpClient http, string path, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", SchedulerKey);
        using var response = await http.SendAsync(request, cancellation);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation)).RootElement.Clone();
    }

    /// <summary>The drones the fleet still holds for a delivery (assigned or in flight).</summary>
    private static async Task<int> HeldDronesAsync(HttpClient http, CancellationToken cancellation)
    {
        var fleet = await SchedulerAsync(http, "/api/drones/utilization", cancellation);
        return fleet.GetProperty("assigned").GetInt32() + fleet.GetProperty("inFlight").GetInt32();
    }

    /// <summary>The drones that still have a mission, as the scheduler lists them.</summary>
    private static async Task<List<JsonElement>> DronesOnMissionAsync(HttpClient http, CancellationToken cancellation) =>
        [.. (await SchedulerAsync(http, "/api/drones", cancellation)).EnumerateArray()
            .Where(drone => drone.TryGetProperty("mission", out var mission) && mission.ValueKind == JsonValueKind.Object)];

    /// <summary>What a stuck delivery's record, orchestration and drone say, to tell which store lost what.</summary>
    private static async Task<string> DescribeAsync(HttpClient http, IEnumerable<string> ids, Dictionary<string, DeliveryStage?> stages, CancellationToken cancellation)
    {
        var drones = await DronesOnMissionAsync(http, cancellation);
        var lines = new List<string>();
        foreach (var id in ids)
        {
            using var orchestration = await http.GetAsync($"/local/orchestrations/{id}", cancellation);
            var held = drones.Where(drone => drone.GetProperty("mission").GetProperty("deliveryId").GetString() == id).Select(drone => drone.GetRawText());
            lines.Add($"{id}: stage {stages[id]}; orchestration {(int)orchestration.StatusCode} {await orchestration.Content.ReadAsStringAsync(cancellation)}; drone {string.Join(" ", held)}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>When each delivery's orchestration was created: a second saga for the same id would change it.</summary>
    private static async Task<Dictionary<string, string?>> OrchestrationStartsAsync(HttpClient http, IEnumerable<string> ids, CancellationToken cancellation)
    {
        var starts = new Dictionary<string, string?>();
        foreach (var id in ids)
        {
            using var response = await http.GetAsync($"/local/orchestrations/{id}", cancellation);
            starts[id] = response.IsSuccessStatusCode
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation)).RootElement.GetProperty("createdAt").GetRawText()
                : null;
        }

        return starts;
    }

    private static void Append(string log, string? line)
    {
        if (line is not null)
        {
            lock (LogLock)
            {
                File.AppendAllText(log, line + Environment.NewLine);
            }
        }
    }

    /// <summary>The local host's build output (functions/DevHost/bin/&lt;configuration&gt;/net10.0), built with the tests.</summary>
    private static string DevHostAssembly()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        for (var folder = framework; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DroneDelivery.sln")))
            {
                var dll = Path.Combine(folder.FullName, "functions", "DevHost", "bin", configuration, framework.Name, "DroneDelivery.DevHost.dll");
                Assert.True(File.Exists(dll), $"{dll} is missing: build functions/DevHost ({configuration}) first");
                return dll;
            }
        }

        throw new InvalidOperationException("DroneDelivery.sln not found above " + AppContext.BaseDirectory);
    }
}
