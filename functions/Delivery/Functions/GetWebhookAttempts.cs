using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/webhooks/{id}/attempts</c>: the latest send attempts, newest first — when, the status
/// code or error, how long, and whether it was delivered, will be retried (when) or was given up.
/// </summary>
public sealed class GetWebhookAttempts(IWebhookRepository webhooks, CallerAuthentication callers)
{
    [Function(nameof(GetWebhookAttempts))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}/attempts")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        return caller is null
            ? unauthenticated!
            : await WebhookLookup.FindAsync(webhooks, id, caller, async subscription =>
                ApiResults.Ok(await webhooks.ListAttemptsAsync(subscription.Id, cancellationToken)), cancellationToken);
    }
}
