using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/deliveries/{id}/events</c>: the delivery's tracking history, oldest first; owner only.</summary>
public sealed class GetDeliveryEvents(IDeliveryRepository deliveries, ITrackingRepository tracking)
{
    [Function(nameof(GetDeliveryEvents))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("delivery store")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/events")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        DeliveryLookup.FindAsync(deliveries, id, context.GetCaller(), async delivery => (object)await tracking.ListAsync(delivery.Id, cancellationToken), cancellationToken);
}
