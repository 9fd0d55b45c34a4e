using DroneDelivery.Contracts.Model;
using DroneDelivery.Packages.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Packages.Functions;

/// <summary>
/// <c>PUT /api/packages/{id}</c>: 201 when created, 204 when this delivery's package already exists
/// (so retries are harmless), 409 when the id belongs to another delivery's package.
/// </summary>
public sealed class PutPackage(IPackageRepository packages, ILogger<PutPackage> logger)
{
    [Function(nameof(PutPackage))]
    [AnswersStoreOutage("package store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "packages/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<Package>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var errors = PackageRules.Validate(id, body.Value);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        if (!await packages.CreateIfAbsentAsync(body.Value, cancellationToken))
        {
            var existing = await packages.GetAsync(id, cancellationToken);
            return existing is null || existing.DeliveryId == body.Value.DeliveryId
                ? ApiResults.NoContent()
                : ApiResults.Problem(StatusCodes.Status409Conflict, "Package id in use", $"Package '{id}' belongs to another delivery.");
        }

        logger.LogInformation("Created package {PackageId} for delivery {DeliveryId}", id, body.Value.DeliveryId);
        return ApiResults.Created($"/api/packages/{id}", body.Value);
    }
}
