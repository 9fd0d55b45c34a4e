using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>One POST a webhook receiver got: its headers, its body and what it answered.</summary>
public sealed record ReceivedWebhook(IHeaderDictionary Headers, string Body, int Answered, DateTimeOffset At)
{
    public string Id => Headers["webhook-id"].ToString();
}

/// <summary>
/// A customer's webhook receiver: Kestrel on 127.0.0.1 (a port of its own, or the one given: a
/// receiver that comes back where a dead one was), recording every POST to <c>/hooks</c>. The
/// first <paramref name="failFirst"/> requests are answered 500, the rest 204.
/// </summary>
public sealed class WebhookReceiver(int port, int failFirst = 0) : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication? _app;
    private int _requests;

    public string Url => $"http://127.0.0.1:{port}/hooks";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Increment(ref _requests) <= failFirst ? StatusCodes.Status500InternalServerError : StatusCodes.Status204NoContent;
            _received.Enqueue(new ReceivedWebhook(new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value)), body, status, DateTimeOffset.UtcNow));
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
    }

    /// <summary>Polls until <paramref name="done"/> holds for what was received, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(Received))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the receiver did not get {what} within {timeout.TotalSeconds} s; it got {Received.Count} requests");
            await Task.Delay(50);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
