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
/// <c>DELETE /api/dronedeliveries/{id}[?latitude=..&amp;longitude=..]</c>: releases the delivery's
/// drone (at the given position, where it landed); 204 whether or not it held one (idempotent).
/// </summary>
public sealed class DeleteDroneDelivery(DroneAssigner assigner)
{
    [Function(nameof(DeleteDroneDelivery))]
    [AnswersStoreOutage("drone store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "dronedeliveries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        Location? position = null;
        if (request.Query.ContainsKey("latitude") || request.Query.ContainsKey("longitude"))
        {
            var errors = new ValidationErrors();
            position = new Location(Number(request, "latitude"), Number(request, "longitude"));
            FieldRules.RequireLocation(errors, "position", position);
            if (!errors.IsEmpty)
            {
                return ApiResults.ValidationProblem(errors);
            }
        }

        await assigner.ReleaseAsync(id, position, cancellationToken);
        return ApiResults.NoContent();
    }

    private static double Number(HttpRequest request, string name) =>
        double.TryParse(request.Query[name], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : double.NaN;
}
