using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Workflow.Security;

/// <summary>
/// <see cref="Policy"/>: a drone reporting with its credential (<see cref="DroneAuthentication"/>); the
/// function reads the <see cref="AuthenticatedDrone"/> with <c>context.GetPrincipal&lt;AuthenticatedDrone&gt;()</c>.
/// </summary>
public sealed class DroneAuthenticator(DroneAuthentication drones) : IFunctionAuthenticator
{
    public const string Policy = "Drone";

    string IFunctionAuthenticator.Policy => Policy;

    public async Task<(object? Principal, IActionResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await drones.AuthenticateAsync(request, cancellationToken);
}
