using System.Net.Http.Json;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.DevHost.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host, as `dotnet run --project functions/DevHost` starts it, on a free loopback port.</summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    public InProcessQueue Queue => _app!.Services.GetRequiredService<InProcessQueue>();

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        var baseUrl = $"http://127.0.0.1:{EmbeddedRedis.FreeLoopbackPort()}";
        _app = LocalHost.Build(["--urls", baseUrl, "--Embedded:DataDirectory", ":memory:", "--Logging:LogLevel:Default", "Warning"]);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public async Task<T> GetJsonAsync<T>(string path)
    {
        var value = await Http.GetFromJsonAsync<T>(path, ContractJson.Options);
        return value ?? throw new InvalidOperationException($"{path} answered no body.");
    }

    /// <summary>Polls until the condition holds or the timeout passes; returns the last answer.</summary>
    public async Task<HttpResponseMessage> PollAsync(string path, Func<HttpResponseMessage, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await Http.GetAsync(path);
            if (done(response) || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(50);
        }
    }

    public static JsonElement ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(response.Content.ReadAsStream()).RootElement.Clone();
}
