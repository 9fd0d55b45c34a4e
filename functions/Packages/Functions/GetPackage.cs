using DroneDelivery.Contracts.Validation;
using DroneDelivery.Packages.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Packages.Functions;

/// <summary><c>GET /api/packages/{id}</c>.</summary>
public sealed class GetPackage(IPackageRepository packages)
{
    [Function(nameof(GetPackage))]
    [AnswersStoreOutage("package store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "packages/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var package = await packages.GetAsync(id, cancellationToken);
        return package is null ? ApiResults.NotFound("Package", id) : ApiResults.Ok(package);
    }
}
