using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Platform.Security;

/// <summary>
/// The answers of the owner rules. Another customer's delivery is answered exactly like one that
/// does not exist (404), so delivery ids cannot be probed through the owner-only routes; asking to
/// act for another owner, which reveals nothing, is 403.
/// </summary>
public static class OwnerAccess
{
    public static IActionResult NotYours(string id) => ApiResults.NotFound("Delivery", id);

    public static IActionResult MayNotRequestFor(string ownerId) =>
        ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden",
            $"The caller may not request deliveries for owner '{ownerId}': ownerId must be the caller's own (or the caller needs the {DeliveryRoles.Partner} or {DeliveryRoles.Admin} role).");

    public static IActionResult MayNotListFor(string ownerId) =>
        ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden",
            $"The caller may not list the deliveries of owner '{ownerId}': ownerId must be the caller's own (or the caller needs the {DeliveryRoles.Admin} role).");
}
