using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary>
/// <c>PUT /api/dronedeliveries/{id}</c>: assigns a drone to the delivery and returns it. When no
/// drone can take it now, 409 with the no-drone problem type and Retry-After: an expected answer,
/// not a fault (a 503 would count against the caller's circuit breaker); the workflow waits and asks again.
/// </summary>
public sealed class PutDroneDelivery(DroneAssigner assigner)
{
    public const int RetryAfterSeconds = 5;

    [Function(nameof(PutDroneDelivery))]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "dronedeliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<DroneAssignmentRequest>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var errors = Validate(id, body.Value);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var assignment = await assigner.AssignAsync(body.Value, cancellationToken);
        if (assignment is null)
        {
            request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.Problem(
                StatusCodes.Status409Conflict,
                "No drone available",
                "No available drone can carry this package now; try again later.",
                DroneSchedulerClient.NoDroneAvailableType);
        }

        return ApiResults.Ok(assignment);
    }

    private static ValidationErrors Validate(string id, DroneAssignmentRequest request)
    {
        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "deliveryId", request.DeliveryId);
        if (request.DeliveryId != id)
        {
            errors.Add("deliveryId", "must match the id in the URL");
        }

        FieldRules.RequireLocation(errors, "pickup", request.Pickup);
        FieldRules.RequireLocation(errors, "dropoff", request.Dropoff);
        if (!double.IsFinite(request.Weight) || request.Weight <= 0 || request.Weight > DeliveryRequestValidator.MaxWeightKg)
        {
            errors.Add("weight", $"must be greater than 0 and at most {DeliveryRequestValidator.MaxWeightKg} kg");
        }

        return errors;
    }
}
