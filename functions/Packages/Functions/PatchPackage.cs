using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Packages.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Packages.Functions;

/// <summary><c>PATCH /api/packages/{id}</c>: changes size, weight or tag.</summary>
public sealed class PatchPackage(IPackageRepository packages)
{
    [Function(nameof(PatchPackage))]
    [AnswersStoreOutage("package store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "patch", Route = "packages/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var body = await RequestBody.ReadAsync<PackagePatch>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var errors = new ValidationErrors();
        PackageRules.ValidateWeight(errors, body.Value.Weight);
        FieldRules.OptionalText(errors, "tag", body.Value.Tag, FieldRules.MaxTagLength);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var updated = await packages.UpdateAsync(id, body.Value, cancellationToken);
        return updated is null ? ApiResults.NotFound("Package", id) : ApiResults.Ok(updated);
    }
}
