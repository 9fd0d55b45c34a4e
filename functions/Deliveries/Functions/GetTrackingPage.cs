using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Pages;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/track/{id}</c>: the page a customer opens to watch a delivery — the drone moving
/// between pickup and drop-off on an SVG, the stage timeline and an ETA countdown, live from
/// <c>GET /api/deliveries/{id}/stream</c>. The page holds no data: it signs the stream in with the
/// customer's access token, which it takes from the URL fragment (never sent to a server) and then
/// removes from the address bar. Its one inline script and style run under a per-response nonce.
/// </summary>
public sealed class GetTrackingPage
{
    private static readonly NoncedPage Page = new("track.html");

    [Function(nameof(GetTrackingPage))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "track/{id}")] HttpRequest request,
        string id) =>
        FieldRules.IsValidId(id) ? Page.Answer() : ApiResults.InvalidId("id");
}
