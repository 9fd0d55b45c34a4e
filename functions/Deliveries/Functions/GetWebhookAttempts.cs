using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/webhooks/{id}/attempts</c>: the latest send attempts, newest first — when, the status
/// code or error, how long, and whether it was delivered, will be retried (when) or was given up.
/// </summary>
public sealed class GetWebhookAttempts(IWebhookRepository webhooks)
{
    [Function(nameof(GetWebhookAttempts))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("webhook store")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}/attempts")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        WebhookLookup.FindAsync(webhooks, id, context.GetCaller(), async subscription =>
            ApiResults.Ok(await webhooks.ListAttemptsAsync(subscription.Id, cancellationToken)), cancellationToken);
}
