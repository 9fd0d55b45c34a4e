using System.Diagnostics;
using System.Net;
using DroneDelivery.Platform.Clients;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace DroneDelivery.UnitTests.Platform;

/// <summary>The resilience pipeline each downstream client gets, driven through a stub network.</summary>
public sealed class DownstreamResilienceTests : IDisposable
{
    private readonly ScriptedNetwork _network = new();

    public void Dispose() => _network.Dispose();

    private ServiceProvider Clients(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:PackageUrl"] = "http://package.test/",
            ["Services:DroneSchedulerUrl"] = "http://dronescheduler.test/",
            ["Services:DeliveryUrl"] = "http://delivery.test/",
        }.Concat(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))).Build();
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => _network));
        services.AddDownstreamServiceClients(configuration);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task AnAnswerWithRetryAfter_IsRetriedNoSoonerThanItAsks(HttpStatusCode status)
    {
        _network.Script("delivery.test", _ => Answer(status, retryAfterSeconds: 1), _ => Answer(HttpStatusCode.NotFound));
        using var provider = Clients(("Resilience:delivery:Retry:Delay", "00:00:00.010"), ("Resilience:delivery:Retry:UseJitter", "false"));
        var clock = Stopwatch.StartNew();

        var delivery = await provider.GetRequiredService<IDeliveryServiceClient>().GetAsync("d-1", "customer-token", CancellationToken.None);

        Assert.Null(delivery);
        Assert.Equal(2, _network.Calls("delivery.test"));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task ADownstreamThatHangs_FailsWithinItsConfiguredTotalTimeout_WithAFreshAttemptEachTime()
    {
        _network.Script("package.test", async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return Answer(HttpStatusCode.OK);
        });
        using var provider = Clients(
            ("Resilience:package:AttemptTimeout:Timeout", "00:00:00.200"),
            ("Resilience:package:TotalRequestTimeout:Timeout", "00:00:05"),
            ("Resilience:package:Retry:Delay", "00:00:00.010"));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<IPackageServiceClient>().DeleteAsync("p-1", "d-1", CancellationToken.None));

        // Room for timers that fire late while the other tests load both cores (CI once saw one
        // attempt in a 2-second budget), and still well under an unbounded wait.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));
        Assert.True(_network.Calls("package.test") >= 2, $"{_network.Calls("package.test")} attempts");
    }

    [Fact]
    public async Task AFailingDownstream_OpensItsOwnCircuit_AndTheOthersStillCallThrough()
    {
        _network.Script("package.test", _ => Answer(HttpStatusCode.ServiceUnavailable));
        _network.Script("delivery.test", _ => Answer(HttpStatusCode.NotFound));
        using var provider = Clients(
            ("Resilience:package:CircuitBreaker:MinimumThroughput", "4"),
            ("Resilience:package:Retry:Delay", "00:00:00.010"),
            ("Resilience:package:Retry:MaxRetryAttempts", "1"));
        var packages = provider.GetRequiredService<IPackageServiceClient>();

        Exception? last = null;
        for (var call = 0; call < 6; call++)
        {
            last = await Record.ExceptionAsync(() => packages.DeleteAsync("p-1", "d-1", CancellationToken.None));
        }

        var attemptsWhenOpen = _network.Calls("package.test");
        var whileOpen = await Record.ExceptionAsync(() => packages.DeleteAsync("p-1", "d-1", CancellationToken.None));

        Assert.IsType<BrokenCircuitException>(whileOpen);
        Assert.IsType<BrokenCircuitException>(last);
        Assert.Equal(attemptsWhenOpen, _network.Calls("package.test"));
        Assert.Null(await provider.GetRequiredService<IDeliveryServiceClient>().GetAsync("d-1", "customer-token", CancellationToken.None));
        Assert.Equal(1, _network.Calls("delivery.test"));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    /// <summary>Answers each host's calls from its script (the last step repeats) and counts them.</summary>
    private sealed class ScriptedNetwork : HttpMessageHandler
    {
        private readonly Dictionary<string, Func<CancellationToken, Task<HttpResponseMessage>>[]> _scripts = [];
        private readonly Dictionary<string, int> _calls = [];

        public void Script(string host, params Func<CancellationToken, HttpResponseMessage>[] steps) =>
            _scripts[host] = [.. steps.Select(step => (Func<CancellationToken, Task<HttpResponseMessage>>)(token => Task.FromResult(step(token))))];

        public void Script(string host, Func<CancellationToken, Task<HttpResponseMessage>> step) => _scripts[host] = [step];

        public int Calls(string host)
        {
            lock (_calls)
            {
                return _calls.GetValueOrDefault(host);
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var host = request.RequestUri!.Host;
            int call;
            lock (_calls)
            {
                call = _calls[host] = _calls.GetValueOrDefault(host) + 1;
            }

            var script = _scripts[host];
            return script[Math.Min(call, script.Length) - 1](cancellationToken);
        }
    }
}
