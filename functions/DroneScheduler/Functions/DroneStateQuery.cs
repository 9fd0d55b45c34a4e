using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.DroneScheduler.Functions;

/// <summary>The optional <c>state</c> query parameter of the fleet listings (<see cref="GetDrones"/>, <see cref="FleetFunctions"/>): a drone state by name.</summary>
internal static class DroneStateQuery
{
    /// <summary>The state asked for (null: every drone), or the 400 naming <c>state</c> when it is not a drone state.</summary>
    public static (DroneState? State, IActionResult? Problem) Read(HttpRequest request)
    {
        if (!request.Query.TryGetValue("state", out var value))
        {
            return (null, null);
        }

        return EnumNames.TryParse<DroneState>(value, out var parsed)
            ? (parsed, null)
            : (null, ApiResults.ValidationProblem(ValidationErrors.For("state", $"must be one of {string.Join(", ", Enum.GetNames<DroneState>())}")));
    }
}
