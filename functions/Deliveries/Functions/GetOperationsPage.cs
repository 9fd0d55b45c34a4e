using DroneDelivery.Deliveries.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/ops</c>: the dispatch team's operations page — the fleet on an SVG coloured by state
/// (<c>GET /api/fleet</c>), deliveries in flight and the latest failures with their reasons
/// (<c>GET /api/deliveries</c>, every owner's) and the dead letters, each with a Replay button
/// (<c>GET /api/deadletters</c>, <c>POST /api/deadletters/{id}/replay</c>), refreshed every few seconds. The page
/// holds no data: every call carries the admin's access token, which it takes from the URL fragment
/// (<c>#token=…</c>, never sent to a server) and removes from the address bar; those routes answer 401/403
/// without a <c>Deliveries.Admin</c> token. Its one inline script and style run under a per-response nonce.
/// </summary>
public sealed class GetOperationsPage
{
    private static readonly NoncedPage Page = new("ops.html");

    [Function(nameof(GetOperationsPage))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops")] HttpRequest request) => Page.Answer();
}
