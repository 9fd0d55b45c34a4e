using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Ingestion.Stores;
using DroneDelivery.Platform.Http;
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
/// <c>POST /api/deliveryrequests</c>: authenticate, validate, check the caller may request for the
/// owner, assign an id, enqueue once, answer 202. With an <c>Idempotency-Key</c> the id is derived
/// from the caller and the key (<see cref="DeliveryIds"/>), and a repeat gets the first answer.
/// </summary>
public sealed class CreateDeliveryRequest(
    IQueueSender queue, IdempotentRequests idempotency, DeliveryIds deliveryIds, TimeProvider clock, ILogger<CreateDeliveryRequest> logger)
{
    [Function(nameof(CreateDeliveryRequest))]
    [Authenticate(CallerPolicies.Customer)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deliveryrequests")] HttpRequest request,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();

        var body = await RequestBody.ReadAsync<DeliveryRequestBody>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return Reject(body.Errors);
        }

        // Keys are the caller's own: the id derived from one cannot collide with another caller's.
        var deliveryId = deliveryIds.For(request, caller.OwnerId);
        DeliveryContext.Enter(deliveryId);
        return await idempotency.RunAsync(
            request, IdempotencyScope.Of("create", caller.OwnerId), body.Value, () => AcceptAsync(caller, body.Value, deliveryId, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> AcceptAsync(Caller caller, DeliveryRequestBody body, string deliveryId, CancellationToken cancellationToken)
    {
        var validated = DeliveryRequestValidator.Validate(body, deliveryId, clock.GetUtcNow());
        if (!validated.IsValid)
        {
            return Reject(validated.Errors);
        }

        if (!caller.MayRequestFor(validated.Value.OwnerId))
        {
            return OwnerAccess.MayNotRequestFor(validated.Value.OwnerId);
        }

        await queue.SendAsync(DeliveryMessages.Create(validated.Value), cancellationToken);
        DroneDeliveryTelemetry.DeliveriesRequested.Add(1);
        logger.LogInformation("Accepted delivery {DeliveryId}", deliveryId);
        return ApiResults.Accepted($"/api/deliveries/{deliveryId}", new DeliveryAccepted(deliveryId));
    }

    private IActionResult Reject(ValidationErrors errors)
    {
        DroneDeliveryTelemetry.RequestsRejected.Add(1);
        logger.LogInformation("Rejected delivery request: {Fields}", string.Join(", ", errors.ToDictionary().Keys.Select(LogText.Clean)));
        return ApiResults.ValidationProblem(errors);
    }
}
