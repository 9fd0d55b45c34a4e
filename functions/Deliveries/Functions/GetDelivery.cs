using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/deliveries/{id}</c>: the full delivery record, for its owner.</summary>
public sealed class GetDelivery(IDeliveryRepository deliveries)
{
    [Function(nameof(GetDelivery))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("delivery store")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        DeliveryLookup.FindAsync(deliveries, id, context.GetCaller(), delivery => delivery, cancellationToken);
}
