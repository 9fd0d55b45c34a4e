using System.Text;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Deliveries.Tracking;

/// <summary>
/// A delivery's live tracking as server-sent events: a <c>snapshot</c> of where it stands, then a
/// <c>stage</c> or <c>position</c> event for every such tracking event the store records, each the
/// whole <see cref="TrackingUpdate"/> with the ETA recomputed, its SSE id the tracking event's id
/// (so <c>Last-Event-ID</c> resumes after it). Fed from the store, not from this process's
/// memory: any replica serves any stream. It ends after a final stage, when the client goes, or
/// after <see cref="TrackingStreamOptions.StreamMaxDuration"/>.
/// </summary>
public sealed class TrackingStreamResult(
    Delivery delivery,
    string? lastEventId,
    IDeliveryRepository deliveries,
    ITrackingRepository tracking,
    TrackingStreamOptions options,
    double metresPerSecond,
    TimeProvider clock) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // NGINX (the ingress) buffers responses unless told not to.
        response.Headers["X-Accel-Buffering"] = "no";

        var current = delivery;
        var lastPosition = await tracking.GetLastPositionAsync(current.Id, cancellationToken);
        var (next, resumeAfter) = await StartAsync(cancellationToken);
        await WriteAsync(response.Body, "snapshot", resumeAfter, current, lastPosition, cancellationToken);
        // Resuming reads the list from its start again and sends nothing up to the event the client had.
        var skipThrough = next == 0 ? resumeAfter : null;

        var ends = clock.GetUtcNow() + options.StreamMaxDuration;
        var keepAlive = clock.GetUtcNow() + options.StreamKeepAlive;
        while (true)
        {
            var page = await tracking.ListFromAsync(current.Id, next, cancellationToken);
            next = page.Next;
            foreach (var update in page.Events)
            {
                if (skipThrough is not null)
                {
                    skipThrough = update.EventId == skipThrough ? null : skipThrough;
                }
                else if (update.Kind == TrackingKinds.StageChanged)
                {
                    current = await deliveries.GetAsync(current.Id, cancellationToken) ?? current;
                    await WriteAsync(response.Body, "stage", update.EventId, current, lastPosition, cancellationToken);
                }
                else if (update.Kind == TrackingKinds.Position && update.Position is not null)
                {
                    lastPosition = update;
                    await WriteAsync(response.Body, "position", update.EventId, current, lastPosition, cancellationToken);
                }
            }

            // After what was recorded so far has been sent: a resumed stream of an ended delivery still gets its last events.
            if (DeliveryStages.IsFinal(current.Stage) || clock.GetUtcNow() >= ends || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (page.Events.Count == 0 && clock.GetUtcNow() >= keepAlive)
            {
                await response.Body.WriteAsync(": keep-alive\n\n"u8.ToArray(), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                keepAlive = clock.GetUtcNow() + options.StreamKeepAlive;
            }

            await Task.Delay(options.StreamPollInterval, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Where in the delivery's list to start reading, and the id the snapshot carries: from the list's
    /// start, to resume after <c>Last-Event-ID</c> when the store still has it; else after the newest.
    /// </summary>
    private async Task<(long Next, string? ResumeAfter)> StartAsync(CancellationToken cancellationToken)
    {
        var recorded = await tracking.ListFromAsync(delivery.Id, 0, cancellationToken);
        var events = recorded.Events;
        return lastEventId is not null && events.Any(e => e.EventId == lastEventId)
            ? (0, lastEventId)
            : (recorded.Next, events.Count > 0 ? events[^1].EventId : null);
    }

    private async Task WriteAsync(Stream body, string kind, string? eventId, Delivery current, TrackingEvent? lastPosition, CancellationToken cancellationToken)
    {
        var update = DeliveryProgress.Update(current, lastPosition, metresPerSecond, clock.GetUtcNow());
        var frame = new StringBuilder();
        // An SSE id ends at a line break; ids are checked on the way in, and one that is not a single line is left out.
        if (eventId is not null && !eventId.AsSpan().ContainsAny('\r', '\n'))
        {
            frame.Append("id: ").Append(eventId).Append('\n');
        }

        frame.Append("event: ").Append(kind).Append('\n')
            .Append("data: ").Append(JsonSerializer.Serialize(update, ContractJson.Options)).Append("\n\n");
        await body.WriteAsync(Encoding.UTF8.GetBytes(frame.ToString()), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
