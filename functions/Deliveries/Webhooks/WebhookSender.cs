using System.Net.Sockets;
using System.Text;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Stores;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>What one attempt came to: the receiver's status code, or the error that kept it from answering, and how long it took.</summary>
public sealed record SendResult(int? StatusCode, string? Error, double DurationMs)
{
    /// <summary>A 2xx answer; anything else (3xx included: redirects are not followed) is tried again.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Sends one signed message to its subscription's URL (the handler of <see cref="WebhookConnections"/>,
/// one attempt, <see cref="WebhookOptions.AttemptTimeout"/>). Never throws for the receiver's sake:
/// every way the receiver can fail becomes a <see cref="SendResult"/>; only the caller's own
/// cancellation (the app stopping) is thrown.
/// </summary>
public sealed class WebhookSender(HttpClient http, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public async Task<SendResult> SendAsync(WebhookSubscription subscription, OutboxMessage message, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        if (WebhookUrls.ShapeError(subscription.Url, options.Value.AllowLoopbackHttp, out var url) is { } refused)
        {
            return new SendResult(null, $"the URL {refused}", 0);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(message.Body, Encoding.UTF8, DeliveryCloudEvents.ContentType) };
        foreach (var (name, value) in WebhookSigning.Headers(subscription.Secret, message.MessageId, clock.GetUtcNow(), message.Body))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new SendResult((int)response.StatusCode, null, Elapsed(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(null, $"no answer within {options.Value.AttemptTimeout.TotalSeconds:0.#} s", Elapsed(started));
        }
        catch (HttpRequestException exception)
        {
            return new SendResult(null, Describe(exception), Elapsed(started));
        }
    }

    private double Elapsed(long started) => Math.Round(clock.GetElapsedTime(started).TotalMilliseconds, 1);

    /// <summary>The project's words for a failed connection or exchange (the refusal of an address says why).</summary>
    private static string Describe(HttpRequestException exception) => BoundedText.Fit(exception switch
    {
        { InnerException: WebhookAddressRefusedException refused } => refused.Message,
        { InnerException: SocketException socket } => $"{exception.HttpRequestError}: {socket.SocketErrorCode}",
        _ => exception.HttpRequestError.ToString(),
    });
}
