using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/deliveries/{id}/confirmation</c>: the proof of delivery the drone brought, for the
/// delivery's owner. 404 problem details, told apart by their <c>type</c>, when the delivery requires
/// none (<see cref="NotRequiredType"/>) or has none yet (<see cref="NotDeliveredType"/>); another
/// customer's delivery answers the usual 404, like an unknown one.
/// </summary>
public sealed class GetDeliveryConfirmation(IDeliveryRepository deliveries)
{
    public const string NotRequiredType = "urn:dronedelivery:confirmation-not-required";
    public const string NotDeliveredType = "urn:dronedelivery:not-delivered";

    [Function(nameof(GetDeliveryConfirmation))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("delivery store")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries/{id}/confirmation")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        DeliveryLookup.AnswerAsync(deliveries, id, context.GetCaller(), Answer, cancellationToken);

    private static IActionResult Answer(Delivery delivery) => delivery switch
    {
        { ConfirmationRequired: ConfirmationType.None } => ApiResults.Problem(StatusCodes.Status404NotFound, "No confirmation required",
            $"Delivery '{delivery.Id}' requires no confirmation, so none is kept.", NotRequiredType),
        { Confirmation: null } => ApiResults.Problem(StatusCodes.Status404NotFound, "Not delivered",
            $"Delivery '{delivery.Id}' is {delivery.Stage}: its {delivery.ConfirmationRequired} confirmation is recorded when the drone reports it delivered.", NotDeliveredType),
        _ => ApiResults.Ok(delivery.Confirmation),
    };
}
