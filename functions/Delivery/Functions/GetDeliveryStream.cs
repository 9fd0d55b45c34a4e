using DroneDelivery.Contracts.Geo;
using DroneDelivery.Deliveries.Tracking;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/deliveries/{id}/stream</c>: the delivery's live tracking as server-sent events
/// (<see cref="TrackingStreamResult"/>); owner only, <c>Last-Event-ID</c> resumes.
/// </summary>
public sealed class GetDeliveryStream(
    IDeliveryRepository deliveries,
    ITrackingRepository tracking,
    CallerAuthentication callers,
    IOptions<FlightOptions> flight,
    IOptions<TrackingStreamOptions> options,
    TimeProvider clock)
{
    [Function(nameof(GetDeliveryStream))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/stream")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        if (caller is null)
        {
            return unauthenticated!;
        }

        var lastEventId = request.Headers["Last-Event-ID"].FirstOrDefault();
        return await DeliveryLookup.AnswerAsync(deliveries, id, caller, delivery =>
            new TrackingStreamResult(delivery, lastEventId, deliveries, tracking, options.Value, flight.Value.EffectiveSpeed, clock), cancellationToken);
    }
}
