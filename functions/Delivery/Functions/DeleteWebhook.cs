using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>DELETE /api/webhooks/{id}</c>: 204; messages still pending for it are not sent. 404 when unknown or not the caller's.</summary>
public sealed class DeleteWebhook(IWebhookRepository webhooks, CallerAuthentication callers)
{
    [Function(nameof(DeleteWebhook))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "webhooks/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        return caller is null
            ? unauthenticated!
            : await WebhookLookup.FindAsync(webhooks, id, caller, async subscription =>
            {
                await webhooks.DeleteAsync(subscription, cancellationToken);
                return ApiResults.NoContent();
            }, cancellationToken);
    }
}
