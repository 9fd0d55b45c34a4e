using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Security;
using DroneDelivery.Platform.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Ingestion.Functions;

/// <summary>
/// <c>POST /api/deliveryrequests</c>: authenticate, validate, check the caller may request for the
/// owner, assign an id, enqueue once, answer 202.
/// </summary>
public sealed class CreateDeliveryRequest(IQueueSender queue, CallerAuthentication callers, TimeProvider clock, ILogger<CreateDeliveryRequest> logger)
{
    [Function(nameof(CreateDeliveryRequest))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deliveryrequests")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        if (caller is null)
        {
            return unauthenticated!;
        }

        var body = await RequestBody.ReadAsync<DeliveryRequestBody>(request, cancellationToken: cancellationToken);
        var deliveryId = Guid.NewGuid().ToString("N");
        var validated = body.IsValid
            ? DeliveryRequestValidator.Validate(body.Value, deliveryId, clock.GetUtcNow())
            : Validated<DeliveryRequest>.Invalid(body.Errors);
        if (!validated.IsValid)
        {
            DroneDeliveryTelemetry.RequestsRejected.Add(1);
            logger.LogInformation("Rejected delivery request: {Fields}", string.Join(", ", validated.Errors.ToDictionary().Keys));
            return ApiResults.ValidationProblem(validated.Errors);
        }

        if (!caller.MayRequestFor(validated.Value.OwnerId))
        {
            return OwnerAccess.MayNotRequestFor(validated.Value.OwnerId);
        }

        DeliveryContext.Enter(deliveryId);
        await queue.SendAsync(DeliveryMessages.Create(validated.Value), cancellationToken);
        DroneDeliveryTelemetry.DeliveriesRequested.Add(1);
        logger.LogInformation("Accepted delivery {DeliveryId}", deliveryId);
        return ApiResults.Accepted($"/api/deliveries/{deliveryId}", new DeliveryAccepted(deliveryId));
    }
}
