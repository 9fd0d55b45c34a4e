using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// A customer watches a delivery: the live stream (server-sent events from the store) and the
/// tracking page in a real headless browser, on the local host with drones flying at 60×.
/// </summary>
public sealed class TrackingTests(LocalHostFixture host, Browser browser, ITestOutputHelper output)
    : IClassFixture<LocalHostFixture>, IClassFixture<Browser>
{
    [Fact]
    public async Task TheStream_SendsPositionsAndStagesWithAnEta_AndEndsAtCompleted()
    {
        var deliveryId = await RequestedDeliveryAsync();

        var events = await ReadStreamAsync(deliveryId, lastEventId: null);

        output.WriteLine(string.Join(Environment.NewLine, events.Select(e => $"{e.Kind} {e.Update.Stage} eta={e.Update.EtaSeconds}")));
        Assert.Equal("snapshot", events[0].Kind);
        Assert.True(events.Count(e => e.Kind == "position") >= 3, $"{events.Count(e => e.Kind == "position")} position events");
        Assert.Contains(events, e => e.Kind == "position" && e.Update.Eta is not null && e.Update.Position is not null);
        Assert.Equal(DeliveryStage.Completed, events[^1].Update.Stage);
        Assert.Equal("stage", events[^1].Kind);
        Assert.All(events, e => Assert.Equal(deliveryId, e.Update.DeliveryId));
    }

    [Fact]
    public async Task TheStream_ResumesAfterLastEventId_WithoutRepeatingWhatWasSent()
    {
        var deliveryId = await RequestedDeliveryAsync();
        var all = await ReadStreamAsync(deliveryId, lastEventId: null);
        var resumeAfter = all.Where(e => e.Kind == "position").Skip(1).First();

        var resumed = await ReadStreamAsync(deliveryId, resumeAfter.Id);

        var sentBefore = all.TakeWhile(e => e != resumeAfter).Select(e => e.Id).ToHashSet();
        Assert.Equal(resumeAfter.Id, resumed[0].Id);
        Assert.DoesNotContain(resumed.Skip(1), e => sentBefore.Contains(e.Id) || e.Id == resumeAfter.Id);
        Assert.Equal(all.Where(e => e.Kind != "snapshot").SkipWhile(e => e != resumeAfter).Skip(1).Select(e => e.Id), resumed.Skip(1).Select(e => e.Id));
    }

    [Fact]
    public async Task TheStream_OfAnotherCustomersDelivery_Is404()
    {
        var deliveryId = await RequestedDeliveryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/deliveries/{deliveryId}/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor("someone-else"));

        using var response = await host.Bare.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ThePage_InARealBrowser_ShowsTheDroneMovingAndEndsAtCompleted()
    {
        var page = await browser.NewPageAsync();
        var deliveryId = await RequestedDeliveryAsync();
        var token = host.TokenFor(SampleRequests.Owner);

        await page.GotoAsync($"{host.Http.BaseAddress}track/{deliveryId}#token={token}");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#stage').dataset.stage === 'HeadedToDropoff' && Number(document.querySelector('#drone').dataset.moves) >= 3",
            null,
            new() { Timeout = 60_000 });
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "tracking-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot });
        output.WriteLine($"screenshot: {screenshot}");
        await page.WaitForFunctionAsync("() => document.querySelector('#stage').dataset.stage === 'Completed'", null, new() { Timeout = 60_000 });

        Assert.True(int.Parse(await page.GetAttributeAsync("#drone", "data-moves") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 3);
        Assert.Equal("delivered", await page.InnerTextAsync("#eta"));
        Assert.DoesNotContain(token, page.Url, StringComparison.Ordinal);
        Assert.EndsWith($"/api/track/{deliveryId}", page.Url, StringComparison.Ordinal);
    }

    /// <summary>Requests a delivery and waits until its record exists (the stream answers 404 before).</summary>
    private async Task<string> RequestedDeliveryAsync()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        using var found = await host.PollAsync($"/api/deliveries/{deliveryId}", r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        return deliveryId;
    }

    private async Task<List<StreamEvent>> ReadStreamAsync(string deliveryId, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/deliveries/{deliveryId}/stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<StreamEvent>();
        string? id = null, kind = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(new StreamEvent(id, kind!, JsonSerializer.Deserialize<TrackingUpdate>(line[6..], ContractJson.Options)!));
                (id, kind) = (null, null);
            }
        }

        return events;
    }

    private sealed record StreamEvent(string? Id, string Kind, TrackingUpdate Update);
}
