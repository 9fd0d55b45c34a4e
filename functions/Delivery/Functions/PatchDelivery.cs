using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>PATCH /api/deliveries/{id}</c> (internal): stage, schedule or failure reason.</summary>
public sealed class PatchDelivery(IDeliveryRepository deliveries)
{
    [Function(nameof(PatchDelivery))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "deliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var body = await RequestBody.ReadAsync<DeliveryPatch>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var errors = new ValidationErrors();
        FieldRules.OptionalText(errors, "failureReason", body.Value.FailureReason, FieldRules.MaxTagLength);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var updated = await deliveries.PatchAsync(id, body.Value, cancellationToken);
        return updated is null ? ApiResults.NotFound("Delivery", id) : ApiResults.Ok(updated);
    }
}
