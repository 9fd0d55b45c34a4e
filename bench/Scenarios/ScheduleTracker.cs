using System.Net;
using DroneDelivery.Bench.Load;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// Finds when each delivery was scheduled without loading the system while it runs: after a
/// phase, it reads each delivery's tracking history (<c>GET /api/deliveries/{id}/events</c>) and
/// takes the time of its <c>HeadedToPickup</c> stage change — written after the drone was
/// assigned, the record rewritten with it and the drone dispatched (so a slightly late, never an
/// early, "scheduled"). Timestamps are the target's clock; on loopback that is the bench's clock.
/// With <paramref name="milestone"/> <see cref="DeliveryStage.Completed"/> it takes the time each
/// delivery was completed instead (runs with the simulator on).
/// </summary>
public sealed class ScheduleTracker(HttpClient http, TimeSpan patience, DeliveryStage milestone = DeliveryStage.HeadedToPickup)
{
    private const int Readers = 16;

    /// <summary>Waits (polling one delivery's status, cheaply) until the last request has reached the milestone, then reads every history.</summary>
    public async Task CollectAsync(IReadOnlyList<PostedDelivery> posted, Action reading)
    {
        if (posted.Count == 0)
        {
            return;
        }

        await WaitForAsync(posted[^1]);
        reading();
        var pending = posted.ToList();
        var lastProgress = DateTime.UtcNow;
        while (pending.Count > 0 && DateTime.UtcNow - lastProgress < patience)
        {
            var before = pending.Count;
            await ClosedLoop.RunAsync("read tracking events", new LoadShape(Readers, TimeSpan.FromHours(1), pending.Count), index => ReadAsync(pending[index]));
            pending = pending.Where(delivery => delivery.ScheduledAt is null && !delivery.Failed).ToList();
            if (pending.Count < before)
            {
                lastProgress = DateTime.UtcNow;
            }

            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private async Task WaitForAsync(PostedDelivery delivery)
    {
        var until = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < until)
        {
            if (await ReachedAsync(delivery))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Whether the delivery's status is at the milestone; a read that fails or times out (a loaded host) is a "not yet".</summary>
    private async Task<bool> ReachedAsync(PostedDelivery delivery)
    {
        try
        {
            using var response = await http.GetAsync($"api/deliveries/{delivery.Id}/status");
            var status = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<DeliveryStatus>(ContractJson.Options) : null;
            return status is not null && Reached(status.Stage);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> ReadAsync(PostedDelivery delivery)
    {
        using var response = await http.GetAsync($"api/deliveries/{delivery.Id}/events");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return true; // not recorded yet
        }

        response.EnsureSuccessStatusCode();
        var events = await response.Content.ReadFromJsonAsync<List<TrackingEvent>>(ContractJson.Options) ?? [];
        var scheduled = events.FirstOrDefault(e => e.Kind == TrackingKinds.StageChanged && e.Stage == milestone);
        delivery.ScheduledAt = scheduled?.OccurredAt;
        delivery.Failed = events.Any(e => e.Stage is DeliveryStage.Failed or DeliveryStage.Cancelled);
        return true;
    }

    private bool Reached(DeliveryStage stage) =>
        stage.IsFinal() || stage >= milestone;
}
