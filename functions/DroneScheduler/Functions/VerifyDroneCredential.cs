using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary>
/// <c>POST /api/drones/{id}/credentials/verify</c> (internal: the workflow asks it for every drone
/// that reports, and caches the answer briefly): whether the secret in the body is one of the drone's
/// live credentials, and the delivery the drone is assigned to now. Always 200 with
/// <c>verified</c> true or false (an unknown drone is not verified), so "no" cannot be mistaken for a
/// refused function key.
/// </summary>
public sealed class VerifyDroneCredential(FleetCredentials credentials)
{
    [Function(nameof(VerifyDroneCredential))]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "drones/{id}/credentials/verify")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<DroneCredentialCheck>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var errors = new ValidationErrors();
        FieldRules.RequireId(errors, "id", id);
        if (string.IsNullOrEmpty(body.Value.Secret) || body.Value.Secret.Length > DroneCredentials.MaxSecretLength)
        {
            errors.Add("secret", $"is required: 1–{DroneCredentials.MaxSecretLength} characters");
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        return ApiResults.Ok(await credentials.VerifyAsync(id, body.Value.Secret, cancellationToken));
    }
}
