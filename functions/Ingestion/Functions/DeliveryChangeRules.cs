using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Ingestion.Functions;

/// <summary>
/// What reschedule and cancel share: the request id (the client's <c>Idempotency-Key</c>, so a
/// retried request is one message) and a quick check of the delivery's current stage so the
/// customer gets a clear answer now. The orchestration checks again and has the last word. The
/// delivery is read with the customer's own token, so the delivery service's owner rule applies
/// (another customer's delivery is "not found"); the owner is checked here once more.
/// </summary>
public static class DeliveryChangeRules
{
    public static string RequestId(HttpRequest request) =>
        IdempotencyKey.Read(request) is { } key && IdempotencyKey.IsValid(key) ? key : Guid.NewGuid().ToString("N");

    /// <summary>The delivery when the change may go ahead, or the problem to answer instead.</summary>
    public static async Task<(Delivery? Delivery, IActionResult? Refusal)> CheckAsync(
        IDeliveryServiceClient deliveries, HttpRequest request, Caller caller, string id, DeliveryOperation operation, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return (null, ApiResults.InvalidId("id"));
        }

        var delivery = await deliveries.GetAsync(id, CallerAuthentication.BearerToken(request)!, cancellationToken);
        if (delivery is null || !caller.MayAccess(delivery.OwnerId))
        {
            return (null, ApiResults.Problem(StatusCodes.Status404NotFound, "Not found",
                $"Delivery '{id}' does not exist (a delivery requested a moment ago appears once it is scheduled)."));
        }

        if (delivery.Stage.IsFinal())
        {
            return (null, ApiResults.Problem(StatusCodes.Status409Conflict, "Delivery has ended", $"Delivery '{id}' is {delivery.Stage}; it cannot be changed."));
        }

        if (delivery.Stage == DeliveryStage.HeadedToDropoff)
        {
            return (null, ApiResults.Problem(StatusCodes.Status409Conflict, "Package picked up",
                $"Delivery '{id}' is in flight with the package; it can no longer be {(operation == DeliveryOperation.Cancel ? "cancelled" : "rescheduled")}."));
        }

        return (delivery, null);
    }

    public static IActionResult Accepted(string id, string requestId, DeliveryOperation operation) =>
        ApiResults.Accepted($"/api/deliveries/{id}/status", new ChangeAccepted(id, requestId, operation));
}
