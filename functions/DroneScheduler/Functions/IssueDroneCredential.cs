using DroneDelivery.Contracts.Validation;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary>
/// <c>POST /api/drones/{id}/credentials</c> (internal, the fleet owner's): issues the drone a new
/// credential and answers it once — 201 with the secret and the <c>Authorization</c> value the drone
/// sends (<c>Cache-Control: no-store</c>); only its hash is kept. 409 when the drone already holds two
/// live credentials (revoke one first); 404 for an unknown drone.
/// </summary>
public sealed class IssueDroneCredential(FleetCredentials credentials)
{
    [Function(nameof(IssueDroneCredential))]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "drones/{id}/credentials")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var (outcome, issued) = await credentials.IssueAsync(id, cancellationToken);
        switch (outcome)
        {
            case IssueOutcome.UnknownDrone:
                return ApiResults.NotFound("Drone", id);
            case IssueOutcome.TooMany:
                return ApiResults.Problem(
                    StatusCodes.Status409Conflict,
                    "Too many live credentials",
                    $"Drone '{id}' holds {DroneDelivery.Contracts.Model.DroneCredentials.MaxLive} live credentials; revoke one (DELETE /api/drones/{id}/credentials/{{credentialId}}) first.");
            default:
                request.HttpContext.Response.Headers.CacheControl = "no-store";
                return ApiResults.Created($"/api/drones/{id}/credentials/{issued!.CredentialId}", issued);
        }
    }
}
