using DroneDelivery.Contracts.Model;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Ingestion.Stores;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using DroneDelivery.Platform.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Ingestion.Functions;

/// <summary>
/// <c>DELETE /api/deliveryrequests/{id}</c>: asks the workflow to cancel the delivery (202); 404
/// for an unknown delivery, 409 once it has ended or the package is picked up.
/// </summary>
public sealed class CancelDeliveryRequest(
    IQueueSender queue, IDeliveryServiceClient deliveries, IdempotentRequests idempotency, ILogger<CancelDeliveryRequest> logger)
{
    [Function(nameof(CancelDeliveryRequest))]
    [Authenticate(CallerPolicies.Customer)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "deliveryrequests/{id}")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();

        return await idempotency.RunAsync(request, IdempotencyScope.Of("cancel", caller.OwnerId, id), null, () => CancelAsync(request, caller, id, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> CancelAsync(HttpRequest request, Caller caller, string id, CancellationToken cancellationToken)
    {
        DeliveryContext.Enter(id);
        var (_, refusal) = await DeliveryChangeRules.CheckAsync(deliveries, request, caller, id, DeliveryOperation.Cancel, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var requestId = DeliveryChangeRules.RequestId(request);
        await queue.SendAsync(DeliveryMessages.Cancel(new CancelRequest(id, requestId)), cancellationToken);
        logger.LogInformation("Cancel {RequestId} of delivery {DeliveryId} enqueued", requestId, id);
        return DeliveryChangeRules.Accepted(id, requestId, DeliveryOperation.Cancel);
    }
}
