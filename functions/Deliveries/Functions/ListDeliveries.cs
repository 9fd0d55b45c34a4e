using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/deliveries?stage=&amp;top=&amp;continuationToken=</c>: the caller's own deliveries,
/// newest first, a page at a time (<see cref="DeliveryListQuery"/>; 400 naming a parameter that is
/// not valid). An admin may name another owner with <c>ownerId</c>; anyone else naming an owner
/// not their own gets 403 (a list is never quietly swapped for another). Each item is a
/// <see cref="DeliverySummary"/> of a record of that owner, nothing more.
/// </summary>
public sealed class ListDeliveries(IDeliveryRepository deliveries)
{
    [Function(nameof(ListDeliveries))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("delivery store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries")] HttpRequest request,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var (query, errors) = DeliveryListQuery.Parse(request.Query);
        if (query is null)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var caller = context.GetCaller();
        var ownerId = query.OwnerId ?? caller.OwnerId;
        if (!caller.MayAccess(ownerId))
        {
            return OwnerAccess.MayNotListFor(ownerId);
        }

        var page = await deliveries.ListByOwnerAsync(ownerId, query.Stage, query.Top, query.After, cancellationToken);
        return ApiResults.Ok(new DeliveryList([.. page.Deliveries.Select(DeliverySummary.Of)], page.Next?.ToToken()));
    }
}
