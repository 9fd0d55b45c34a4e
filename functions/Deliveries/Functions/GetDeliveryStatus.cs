using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Tracking;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/deliveries/{id}/status</c>: the stage, the drone's last reported position and an
/// ETA recomputed from it — the legs still to fly at flight speed — on every read. Owner only.
/// The record and the position are read together: both commands are in flight at once on the
/// multiplexed connection, one round trip instead of two in a row.
/// </summary>
public sealed class GetDeliveryStatus(
    IDeliveryRepository deliveries, ITrackingRepository tracking, IOptions<FlightOptions> flight, TimeProvider clock)
{
    [Function(nameof(GetDeliveryStatus))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("delivery store")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/status")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        DeliveryLookup.FindAsync(id, context.GetCaller(), () => ReadAsync(id, cancellationToken), read => read.Delivery, read => Task.FromResult<object>(Status(read)));

    private async Task<Progress?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var record = deliveries.GetAsync(id, cancellationToken);
        var position = tracking.GetLastPositionAsync(id, cancellationToken);
        await Task.WhenAll(record, position);
        return await record is { } delivery ? new Progress(delivery, await position) : null;
    }

    private DeliveryStatus Status(Progress read) =>
        DeliveryProgress.Status(read.Delivery, read.LastPosition, flight.Value.EffectiveSpeed, clock.GetUtcNow());

    /// <summary>A record and its drone's newest position event (null before the drone has reported).</summary>
    private sealed record Progress(Delivery Delivery, TrackingEvent? LastPosition);
}
