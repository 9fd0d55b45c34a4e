using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/deliveries/{id}/status</c>: the stage, the drone's last reported position and an
/// ETA recomputed from it — the legs still to fly at flight speed — on every read. Owner only.
/// </summary>
public sealed class GetDeliveryStatus(
    IDeliveryRepository deliveries, ITrackingRepository tracking, CallerAuthentication callers, IOptions<FlightOptions> flight, TimeProvider clock)
{
    [Function(nameof(GetDeliveryStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/status")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        return caller is null ? unauthenticated! : await DeliveryLookup.FindAsync(deliveries, id, caller, delivery => StatusAsync(delivery, cancellationToken), cancellationToken);
    }

    private async Task<object> StatusAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var last = await tracking.GetLastPositionAsync(delivery.Id, cancellationToken);
        var eta = DeliveryEta.Estimate(delivery, last?.Position, last?.OccurredAt, flight.Value.EffectiveSpeed);
        var etaSeconds = eta is null ? (double?)null : Math.Max(0, Math.Round((eta.Value - clock.GetUtcNow()).TotalSeconds, 1));
        return new DeliveryStatus(delivery.Id, delivery.Stage, delivery.DroneId, last?.Position, last?.OccurredAt, eta, etaSeconds, delivery.FailureReason);
    }
}
