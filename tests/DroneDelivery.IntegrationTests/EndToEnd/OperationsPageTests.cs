using System.Globalization;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Security;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The dispatch team's operations page in a real headless browser, on the local host with drones flying at 60×:
/// the fleet by state, deliveries in flight, a failure with its reason, a dead letter and its Replay button.
/// </summary>
public sealed class OperationsPageTests(LocalHostFixture host, Browser browser, ITestOutputHelper output)
    : IClassFixture<LocalHostFixture>, IClassFixture<Browser>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePage_InARealBrowser_ShowsFleetDeliveriesFailuresAndDeadLetters_AndReplaysADeadLetter()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        var admin = host.TokenFor("dispatcher-1", DeliveryRoles.Admin);
        var failed = await FailedDeliveryAsync();
        var poison = await DeadLetterAsync();
        for (var i = 0; i < 4; i++)
        {
            await host.RequestDeliveryAsync(SampleRequests.Json());
        }

        await page.GotoAsync($"{host.Http.BaseAddress}ops#token={admin}");
        await page.WaitForFunctionAsync(
            """
            ([failed, poison]) =>
              document.querySelectorAll('#drones circle.drone').length > 0
              && new Set([...document.querySelectorAll('#drones circle.drone')].map((c) => c.dataset.state)).size >= 2
              && document.querySelectorAll('#inflight tr[data-id]').length > 0
              && document.querySelector(`#failures tr[data-id="${failed}"]`) !== null
              && document.querySelector(`#deadletters tr[data-id="${poison}"]`) !== null
            """,
            new object[] { failed, poison },
            new() { Timeout = 90_000, PollingInterval = 200 });
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "operations-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");

        // The fleet: one dot per drone, coloured by its state, counted by state in the legend.
        using var client = AdminClient(admin);
        var fleet = (await client.GetFromJsonAsync<List<Drone>>("/api/fleet", ContractJson.Options, Token))!;
        var dots = await page.EvalOnSelectorAllAsync<string[][]>("#drones circle.drone", "cs => cs.map(c => [c.dataset.id, c.dataset.state, c.getAttribute('fill')])");
        Assert.Equal(fleet.Select(d => d.Id).Order(StringComparer.Ordinal), dots.Select(d => d[0]).Order(StringComparer.Ordinal));
        Assert.All(dots, dot => Assert.Equal(Colour(dot[1]), dot[2]));
        var legend = await page.EvalOnSelectorAllAsync<int[]>("#legend b", "bs => bs.map(b => Number(b.textContent))");
        Assert.Equal(fleet.Count, legend.Sum());

        // Deliveries in flight are at a flying stage; the failure says why.
        var stages = await page.EvalOnSelectorAllAsync<string[]>("#inflight tr[data-id] td:nth-child(3)", "tds => tds.map(td => td.textContent)");
        Assert.All(stages, stage => Assert.Contains(stage, new[] { nameof(DeliveryStage.HeadedToPickup), nameof(DeliveryStage.HeadedToDropoff) }));
        Assert.Contains("no drone could take the delivery", await page.InnerTextAsync($"#failures tr[data-id=\"{failed}\"] td.reason"), StringComparison.Ordinal);
        Assert.Contains("JsonException", await page.InnerTextAsync($"#deadletters tr[data-id=\"{poison}\"] td.reason"), StringComparison.Ordinal);

        // The token never stays in the address bar.
        Assert.DoesNotContain(admin, page.Url, StringComparison.Ordinal);
        Assert.EndsWith("/api/ops", page.Url, StringComparison.Ordinal);

        // Replay: the dead letter goes back on the queue and off the page.
        var replayedBefore = host.Queue.Replayed;
        await page.ClickAsync($"#deadletters tr[data-id=\"{poison}\"] button.replay");
        await page.WaitForFunctionAsync($"() => document.querySelector('#deadletters tr[data-id=\"{poison}\"]') === null", null, new() { Timeout = 10_000 });

        Assert.Equal(replayedBefore + 1, host.Queue.Replayed);
        Assert.Equal(string.Empty, await page.InnerTextAsync("#error"));
    }

    private static string Colour(string state) => state switch
    {
        nameof(DroneState.Available) => "#2e7d32",
        nameof(DroneState.Assigned) => "#f9a825",
        nameof(DroneState.InFlight) => "#1565c0",
        nameof(DroneState.Charging) => "#6a1b9a",
        _ => "#616161",
    };

    private HttpClient AdminClient(string token)
    {
        var client = new HttpClient { BaseAddress = host.Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>
    /// A delivery no drone can fly (its drop-off is beyond every battery) whose pickup deadline has passed: the saga
    /// fails it at its first answer from the scheduler, with the reason.
    /// </summary>
    private async Task<string> FailedDeliveryAsync()
    {
        var pickup = DateTimeOffset.UtcNow.AddMinutes(-20).ToString("O", CultureInfo.InvariantCulture);
        var deadline = DateTimeOffset.UtcNow.AddHours(6).ToString("O", CultureInfo.InvariantCulture);
        var id = await host.RequestDeliveryAsync($$"""
            {
              "ownerId": "{{SampleRequests.Owner}}",
              "pickupLocation": "47.64,-122.13", "dropOffLocation": "40.71,-74.00",
              "pickupTime": "{{pickup}}", "deadline": "{{deadline}}", "expedited": true, "confirmationRequired": "None",
              "packageInfo": { "packageId": "pkg-{{Guid.NewGuid().ToString("N")[..8]}}", "size": "Small", "weight": 1, "tag": "far" }
            }
            """);
        await host.WaitForStageAsync(id, DeliveryStage.Failed, TimeSpan.FromSeconds(60));
        return id;
    }

    /// <summary>A message that cannot be read: the queue delivers it up to its maximum and dead-letters it with the reason.</summary>
    private async Task<string> DeadLetterAsync()
    {
        var poison = new QueueMessage("poison-" + Guid.NewGuid().ToString("N"), "{\"deliveryId\": 42"u8.ToArray(), new Dictionary<string, string> { ["operation"] = "Create" });
        await host.Queue.SendAsync(poison, Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!host.Queue.DeadLetters.Any(letter => letter.MessageId == poison.MessageId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{poison.MessageId} was not dead-lettered in 30 s");
            await Task.Delay(100, Token);
        }

        return poison.MessageId;
    }
}
