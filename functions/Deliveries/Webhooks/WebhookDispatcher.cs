using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>
/// Sends the outbox's due messages, on every replica of the delivery service: it claims as many as
/// it has free send slots (<see cref="WebhookOptions.MaxConcurrentSends"/>), sends each on its own,
/// and settles each on its own — delivered or given up: removed, failed: due again per
/// <see cref="RetrySchedule"/> — recording the attempt. A slow receiver holds one slot, never the
/// others, and never a delivery (nothing on a delivery's path waits for this). Stopping hands
/// unsent messages back at once; a replica that dies loses nothing either: its claims come due
/// again when their lease ends, and another replica sends them with the same <c>webhook-id</c>.
/// </summary>
public sealed partial class WebhookDispatcher(
    IWebhookOutbox outbox, IWebhookRepository webhooks, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.MaxConcurrentSends);
        var inFlight = new List<Task>();
        await LogPendingAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveAll(task => task.IsCompleted);
                var free = slots.CurrentCount;
                if (free == 0)
                {
                    await Task.WhenAny(inFlight).WaitAsync(stoppingToken);
                    continue;
                }

                var claimed = await ClaimAsync(free, stoppingToken);
                foreach (var message in claimed)
                {
                    await slots.WaitAsync(stoppingToken);
                    inFlight.Add(SendAndReleaseSlotAsync(message, slots, stoppingToken));
                }

                if (claimed.Count < free)
                {
                    await Task.Delay(settings.PollInterval, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(inFlight);
    }

    /// <summary>Says at start how many messages wait (those a stopped replica left are among them).</summary>
    private async Task LogPendingAsync(CancellationToken stoppingToken)
    {
        try
        {
            LogPending(await outbox.CountPendingAsync(stoppingToken));
        }
        catch (Exception exception) when (StoreOutage.IsOutage(exception))
        {
            LogStoreDown(exception);
        }
    }

    private async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int max, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            return await outbox.ClaimDueAsync(now, now + options.Value.Lease, max, stoppingToken);
        }
        catch (Exception exception) when (StoreOutage.IsOutage(exception))
        {
            LogStoreDown(exception);
            return [];
        }
    }

    private async Task SendAndReleaseSlotAsync(OutboxMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await SendAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await HandBackAsync(message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not settled: the message comes due again when its lease ends.
            LogNotSettled(message.MessageId, message.WebhookId, exception);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken stoppingToken)
    {
        if (await webhooks.GetAsync(message.WebhookId, stoppingToken) is not { } subscription)
        {
            await outbox.CompleteAsync(message, attempt: null, stoppingToken);
            return;
        }

        var attemptedAt = clock.GetUtcNow();
        var result = await sender.SendAsync(subscription, message, stoppingToken);
        var attempt = message.Attempts + 1;
        if (result.Delivered)
        {
            await outbox.CompleteAsync(message, Attempt(message, attempt, attemptedAt, result, WebhookAttemptOutcome.Delivered, null), CancellationToken.None);
            return;
        }

        var next = RetrySchedule.Next(options.Value, message.CreatedAt, attempt, clock.GetUtcNow(), Random.Shared.NextDouble());
        if (next is null)
        {
            LogGaveUp(message.MessageId, message.WebhookId, attempt, result.StatusCode, result.Error);
            await outbox.CompleteAsync(message, Attempt(message, attempt, attemptedAt, result, WebhookAttemptOutcome.GaveUp, null), CancellationToken.None);
            return;
        }

        await outbox.RetryAsync(message, Attempt(message, attempt, attemptedAt, result, WebhookAttemptOutcome.WillRetry, next), next.Value, CancellationToken.None);
    }

    /// <summary>Makes a message the app stopped before sending due now, for whichever replica runs next.</summary>
    private async Task HandBackAsync(OutboxMessage message)
    {
        try
        {
            await outbox.ReleaseAsync(message, clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception exception) when (StoreOutage.IsOutage(exception))
        {
            LogStoreDown(exception);
        }
    }

    private static WebhookAttempt Attempt(
        OutboxMessage message, int attempt, DateTimeOffset attemptedAt, SendResult result, WebhookAttemptOutcome outcome, DateTimeOffset? next) =>
        new(message.MessageId, message.EventType, message.DeliveryId, attempt, attemptedAt, result.StatusCode, result.Error, result.DurationMs, outcome, next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook message {MessageId} to webhook {WebhookId} given up after {Attempts} attempts (last: {StatusCode} {Error})")]
    private partial void LogGaveUp(string messageId, string webhookId, int attempts, int? statusCode, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook message {MessageId} to webhook {WebhookId} not settled; it comes due again when its lease ends")]
    private partial void LogNotSettled(string messageId, string webhookId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook dispatcher started; {Pending} messages pending in the outbox")]
    private partial void LogPending(long pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook outbox unavailable; its messages wait")]
    private partial void LogStoreDown(Exception exception);
}
