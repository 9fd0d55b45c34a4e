using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Ingestion.Stores;
using DroneDelivery.Platform.Clients;
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
/// <c>PATCH /api/deliveryrequests/{id}</c> with <c>{pickupTime, deadline}</c> (either or both):
/// asks the workflow to move the delivery (202); 400 for a schedule that cannot be, 404 for an
/// unknown delivery, 409 once it has ended or the package is picked up.
/// </summary>
public sealed class RescheduleDeliveryRequest(
    IQueueSender queue,
    IDeliveryServiceClient deliveries,
    IdempotentRequests idempotency,
    TimeProvider clock,
    ILogger<RescheduleDeliveryRequest> logger)
{
    [Function(nameof(RescheduleDeliveryRequest))]
    [Authenticate(CallerPolicies.Customer)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "deliveryrequests/{id}")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();

        DeliveryContext.Enter(id);
        var body = await RequestBody.ReadAsync<RescheduleRequestBody>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        if (body.Value.PickupTime is null && body.Value.Deadline is null)
        {
            return ApiResults.ValidationProblem(ValidationErrors.For("body", "give a new pickupTime, deadline or both"));
        }

        return await idempotency.RunAsync(
            request, IdempotencyScope.Of("reschedule", caller.OwnerId, id), body.Value, () => RescheduleAsync(request, caller, id, body.Value, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> RescheduleAsync(HttpRequest request, Caller caller, string id, RescheduleRequestBody change, CancellationToken cancellationToken)
    {
        var (current, refusal) = await DeliveryChangeRules.CheckAsync(deliveries, request, caller, id, DeliveryOperation.Reschedule, cancellationToken);
        if (current is null)
        {
            return refusal!;
        }

        var pickupTime = change.PickupTime ?? current.PickupTime;
        var deadline = change.Deadline ?? current.Deadline;
        var errors = new ValidationErrors();
        foreach (var (field, requested) in new[] { ("pickupTime", change.PickupTime), ("deadline", change.Deadline) })
        {
            if (requested is { } time)
            {
                FieldRules.RequireBookableTime(errors, field, time, clock.GetUtcNow());
            }
        }

        if (deadline <= clock.GetUtcNow())
        {
            errors.Add("deadline", "must be in the future");
        }
        else if (deadline <= pickupTime)
        {
            errors.Add("deadline", "must be after pickupTime");
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var requestId = DeliveryChangeRules.RequestId(request);
        await queue.SendAsync(DeliveryMessages.Reschedule(new RescheduleRequest(id, requestId, pickupTime, deadline)), cancellationToken);
        logger.LogInformation("Reschedule {RequestId} of delivery {DeliveryId} enqueued", requestId, id);
        return DeliveryChangeRules.Accepted(id, requestId, DeliveryOperation.Reschedule);
    }
}
