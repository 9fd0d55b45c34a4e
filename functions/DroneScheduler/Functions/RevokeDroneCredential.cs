using DroneDelivery.Contracts.Validation;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary>
/// <c>DELETE /api/drones/{id}/credentials/{credentialId}</c> (internal): revokes the credential; 204
/// whether or not it was live (idempotent), 404 for an unknown drone. The workflow stops accepting it
/// within <c>DroneReports__VerificationCacheDuration</c>.
/// </summary>
public sealed class RevokeDroneCredential(FleetCredentials credentials)
{
    [Function(nameof(RevokeDroneCredential))]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "drones/{id}/credentials/{credentialId}")] HttpRequest request,
        string id,
        string credentialId,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "id", id);
        FieldRules.RequireId(errors, "credentialId", credentialId);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        return await credentials.RevokeAsync(id, credentialId, cancellationToken) ? ApiResults.NoContent() : ApiResults.NotFound("Drone", id);
    }
}
