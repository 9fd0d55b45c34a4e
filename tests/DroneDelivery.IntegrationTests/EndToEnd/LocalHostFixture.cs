using System.Net.Http.Json;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.DevHost.Queues;
using DroneDelivery.DevHost.Security;
using DroneDelivery.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host, as `dotnet run --project functions/DevHost` starts it (drones flying at 60×), on a
/// free loopback port. <see cref="Http"/> is a trusted caller: it signs in as
/// <see cref="SampleRequests.Owner"/> (a development-issuer token) and sends the serving app's
/// function key on internal routes. <see cref="Bare"/> sends nothing, for tests that set their own headers.
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    public HttpClient Bare { get; private set; } = null!;

    public InProcessQueue Queue => _app!.Services.GetRequiredService<InProcessQueue>();

    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra command-line settings of a variant of the host.</summary>
    protected virtual string[] Settings => [];

    /// <summary>Extra registrations of a variant of the host.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async ValueTask InitializeAsync()
    {
        // A free port can be taken between choosing it and binding it (the in-memory Durable
        // sidecars of parallel fixtures pick random ports too): choose again.
        for (var attempt = 1; ; attempt++)
        {
            var baseUrl = $"http://127.0.0.1:{EmbeddedRedis.FreeLoopbackPort()}";
            _app = LocalHost.Build(["--urls", baseUrl, "--Embedded:DataDirectory", ":memory:", "--Logging:LogLevel:Default", "Warning", .. Settings], Configure);
            try
            {
                await _app.StartAsync();
                Http = new HttpClient(new TrustedCaller(this, SampleRequests.Owner) { InnerHandler = new HttpClientHandler() }) { BaseAddress = new Uri(baseUrl) };
                Bare = new HttpClient { BaseAddress = new Uri(baseUrl) };
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await _app.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Http.Dispose();
        Bare.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>A development-issuer token for <paramref name="subject"/> (what <c>POST /local/token</c> answers).</summary>
    public string TokenFor(string subject, params string[] roles) =>
        Services.GetRequiredService<DevelopmentIssuer>().Mint(subject, roles, TimeSpan.FromHours(1));

    /// <summary>A client of its own, signed in as <paramref name="subject"/> (a customer of a test's own: other tests' deliveries are not its).</summary>
    public HttpClient SignedIn(string subject, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TokenFor(subject, roles));
        return client;
    }

    /// <summary>The function key of an app (Ingestion, Workflow, Delivery, DroneScheduler, Package).</summary>
    public string KeyFor(string app) => Services.GetRequiredService<LocalFunctionKeys>().For(app);

    /// <summary>
    /// Issues the drone a credential through the fleet owner's route (<c>POST /api/drones/{id}/credentials</c>,
    /// with the drone scheduler's key); when it already holds two (the simulator's, an earlier test's),
    /// the oldest is revoked first. Returns what the route answered.
    /// </summary>
    public async Task<DroneDelivery.Contracts.Model.DroneCredentialIssued> IssueDroneCredentialAsync(string droneId)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await Http.PostAsync($"/api/drones/{droneId}/credentials", content: null);
            if (response.StatusCode == System.Net.HttpStatusCode.Created)
            {
                return (await response.Content.ReadFromJsonAsync<DroneDelivery.Contracts.Model.DroneCredentialIssued>(ContractJson.Options))!;
            }

            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 5, $"issuing a credential for {droneId} answered {(int)response.StatusCode}");
            var live = await GetJsonAsync<List<DroneDelivery.Contracts.Model.DroneCredentialInfo>>($"/api/drones/{droneId}/credentials");
            await RevokeDroneCredentialAsync(droneId, live.MinBy(credential => credential.CreatedAt)!.CredentialId);
        }
    }

    /// <summary>Revokes a drone credential (<c>DELETE /api/drones/{id}/credentials/{credentialId}</c>, 204).</summary>
    public async Task RevokeDroneCredentialAsync(string droneId, string credentialId)
    {
        using var response = await Http.DeleteAsync($"/api/drones/{droneId}/credentials/{credentialId}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Posts a drone report as a drone does: <c>Authorization: Drone {id}.{secret}</c> (when given), no function key, no bearer token.</summary>
    public async Task<HttpResponseMessage> PostDroneReportAsync(DroneDelivery.Contracts.Model.DroneEvent report, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/droneevents") { Content = JsonContent.Create(report, options: ContractJson.Options) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Bare.SendAsync(request);
    }

    /// <summary>The app serving an <c>/api/…</c> path, by its first segment.</summary>
    public static string AppOf(string path) => path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) switch
    {
        "deliveryrequests" => "Ingestion",
        "droneevents" or "deadletters" or "orchestrations" => "Workflow",
        "deliveries" or "webhooks" or "usage" => "Deliveries",
        "drones" or "dronedeliveries" or "fleet" => "DroneScheduler",
        "packages" => "Packages",
        _ => "Platform",
    };

    /// <summary>A GET signed in with <paramref name="token"/> (another customer's, an admin's) instead of the owner's.</summary>
    public async Task<HttpResponseMessage> GetAsAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await Bare.SendAsync(request);
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

    /// <summary>Posts a delivery request and returns the delivery id from the 202 answer.</summary>
    public async Task<string> RequestDeliveryAsync(string json)
    {
        using var response = await Http.PostAsync("/api/deliveryrequests", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return ReadJson(response).GetProperty("deliveryId").GetString()!;
    }

    /// <summary>Polls the delivery's status until it reaches <paramref name="stage"/>, as the sample owner or with another owner's <paramref name="token"/>.</summary>
    public async Task<DroneDelivery.Contracts.Model.DeliveryStatus> WaitForStageAsync(
        string deliveryId, DroneDelivery.Contracts.Model.DeliveryStage stage, TimeSpan timeout, string? token = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var path = $"/api/deliveries/{deliveryId}/status";
            using var response = token is null ? await Http.GetAsync(path) : await GetAsAsync(path, token);
            if (response.IsSuccessStatusCode)
            {
                var status = (await response.Content.ReadFromJsonAsync<DroneDelivery.Contracts.Model.DeliveryStatus>(ContractJson.Options))!;
                if (status.Stage == stage)
                {
                    return status;
                }

                if (DateTime.UtcNow > deadline)
                {
                    var orchestration = await ReadForDiagnosisAsync($"/local/orchestrations/{deliveryId}");
                    var events = await ReadForDiagnosisAsync($"/api/deliveries/{deliveryId}/events");
                    Assert.Fail($"delivery {deliveryId} is {status.Stage} ({status.FailureReason}), not {stage}; orchestration {orchestration}; events {events}");
                }
            }
            else
            {
                Assert.True(DateTime.UtcNow < deadline, $"delivery {deliveryId} has no status ({(int)response.StatusCode}), not {stage}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The body of a GET, or its status code when it failed: for a failure message, which must not itself fail.</summary>
    private async Task<string> ReadForDiagnosisAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : $"({(int)response.StatusCode} {response.ReasonPhrase})";
    }

    /// <summary>Signs every request in as the owner and adds the serving app's function key.</summary>
    private sealed class TrustedCaller(LocalHostFixture host, string owner) : DelegatingHandler
    {
        private string? _token;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token ??= host.TokenFor(owner));
            var app = AppOf(request.RequestUri!.AbsolutePath);
            if (LocalFunctionKeys.Apps.Contains(app) && !request.Headers.Contains(DroneDelivery.Platform.Security.FunctionKeyHandler.Header))
            {
                request.Headers.Add(DroneDelivery.Platform.Security.FunctionKeyHandler.Header, host.KeyFor(app));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
