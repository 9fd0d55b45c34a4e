using DroneDelivery.Contracts.Geo;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Tracking;
using DroneDelivery.Platform.Pipeline;
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
    IOptions<FlightOptions> flight,
    IOptions<TrackingStreamOptions> options,
    TimeProvider clock)
{
    [Function(nameof(GetDeliveryStream))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("delivery store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/stream")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var lastEventId = request.Headers["Last-Event-ID"].FirstOrDefault();
        return await DeliveryLookup.AnswerAsync(deliveries, id, context.GetCaller(), delivery =>
            new TrackingStreamResult(delivery, lastEventId, deliveries, tracking, options.Value, flight.Value.EffectiveSpeed, clock), cancellationToken);
    }
}
