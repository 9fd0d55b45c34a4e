using System.Collections.Concurrent;
using System.Net;
using DroneDelivery.Bench.Target;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>Requests deliveries and remembers each accepted one with its send time.</summary>
public sealed class DeliveryPoster(HttpClient http, DeliveryPayloads payloads, string phase)
{
    private readonly ConcurrentBag<PostedDelivery> _posted = [];

    public IReadOnlyList<PostedDelivery> Posted => _posted.OrderBy(delivery => delivery.SentAt).ToList();

    public async Task<bool> PostAsync(int index)
    {
        using var content = TargetClient.Json(payloads.Create(phase, index));
        var sentAt = DateTimeOffset.UtcNow;
        using var response = await http.PostAsync(IngestionScenario.Path, content);
        var location = response.Headers.Location?.OriginalString;
        if (response.StatusCode != HttpStatusCode.Accepted || location is null)
        {
            return false;
        }

        _posted.Add(new PostedDelivery(location[(location.LastIndexOf('/') + 1)..], sentAt));
        return true;
    }
}
