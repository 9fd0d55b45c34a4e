using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/webhooks</c>: the caller's subscriptions, oldest first, without their secrets.</summary>
public sealed class ListWebhooks(IWebhookRepository webhooks, CallerAuthentication callers)
{
    [Function(nameof(ListWebhooks))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (caller, unauthenticated) = await callers.AuthenticateAsync(request, cancellationToken);
        return caller is null
            ? unauthenticated!
            : await WebhookLookup.Guard(async () =>
                ApiResults.Ok((await webhooks.ListAsync(caller.OwnerId, cancellationToken)).Select(subscription => subscription.Info()).ToList()));
    }
}
