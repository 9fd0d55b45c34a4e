using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Stores.Deliveries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>PUT /api/deliveries/{id}</c> (internal, called by the workflow): create or replace; 201 when created, 204 otherwise.</summary>
public sealed class PutDelivery(IDeliveryRepository deliveries, ILogger<PutDelivery> logger)
{
    [Function(nameof(PutDelivery))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "deliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<Delivery>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var errors = Validate(id, body.Value);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        if (!await deliveries.UpsertAsync(body.Value, cancellationToken))
        {
            return ApiResults.NoContent();
        }

        logger.LogInformation("Created delivery {DeliveryId} on drone {DroneId}", id, body.Value.DroneId);
        return ApiResults.Created($"/api/deliveries/{id}", body.Value);
    }

    private static ValidationErrors Validate(string id, Delivery delivery)
    {
        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "id", delivery.Id);
        if (delivery.Id != id)
        {
            errors.Add("id", "must match the id in the URL");
        }

        FieldRules.RequireId(errors, "ownerId", delivery.OwnerId);
        FieldRules.RequireId(errors, "packageId", delivery.PackageId);
        FieldRules.RequireId(errors, "droneId", delivery.DroneId);
        FieldRules.RequireLocation(errors, "pickup", delivery.Pickup);
        FieldRules.RequireLocation(errors, "dropoff", delivery.Dropoff);
        return errors;
    }
}
